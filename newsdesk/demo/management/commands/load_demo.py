"""Load the demo site into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.demo.services import (
    DEMO_PASSWORD,
    DEMO_REFUSED_IN_PRODUCTION,
    demo_allowed,
    demo_is_loaded,
    demo_load,
)


class Command(BaseCommand):
    help = "Create the demo News site, its stories, a gallery and newsroom accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-in-production",
            action="store_true",
            help="Load it even under the production settings (its accounts' password is public).",
        )

    def handle(self, *args, allow_in_production=False, **options):
        # Refused before the database is touched: a fresh production install may not even
        # be migrated yet, and the operator should read why, not a traceback.
        if not demo_allowed(allow_in_production=allow_in_production):
            raise CommandError(DEMO_REFUSED_IN_PRODUCTION)
        if demo_is_loaded():
            raise CommandError("The database already holds articles; the demo loads only once.")
        summary = demo_load(allow_in_production=allow_in_production)
        self.stdout.write(
            f"Loaded {summary.articles} articles. Editors sign in as 'editor' with password "
            f"'{DEMO_PASSWORD}' (also 'reporter' and 'moderator')."
        )
