"""Queue (or, with --now, run) the rebuild of every site's most-read list."""

from django.core.management.base import BaseCommand

from newsdesk.analytics.services import most_read_rebuild_all
from newsdesk.analytics.tasks import most_read_refresh


class Command(BaseCommand):
    help = "Queue the task that rebuilds each site's 24-hour most-read list (run_scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Rebuild here instead of queueing.")

    def handle(self, *args, now, **options):
        if now:
            count = most_read_rebuild_all()
            self.stdout.write(f"Rebuilt the most-read list of {count} site(s).")
        else:
            most_read_refresh.enqueue()
            if options["verbosity"]:
                self.stdout.write("Queued the most-read rebuild.")
