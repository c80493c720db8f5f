"""Load the demo site into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.demo.services import DEMO_PASSWORD, demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Create the demo News site, its stories, a gallery and newsroom accounts."

    def handle(self, *args, **options):
        if demo_is_loaded():
            raise CommandError("The database already holds articles; the demo loads only once.")
        summary = demo_load()
        self.stdout.write(
            f"Loaded {summary.articles} articles. Editors sign in as 'editor' with password "
            f"'{DEMO_PASSWORD}' (also 'reporter' and 'moderator')."
        )
