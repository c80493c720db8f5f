"""Queue a poll of every active wire source that is due (run by run_scheduler)."""

from django.core.management.base import BaseCommand

from newsdesk.ingest.tasks import ingest_source_poll
from newsdesk.ingest.wire_services import ingest_sources_due


class Command(BaseCommand):
    help = "Queue a background poll of each active wire source whose interval has passed."

    def handle(self, *args, **options):
        due = ingest_sources_due()
        for source in due:
            ingest_source_poll.enqueue(source.pk)
        if options["verbosity"] > 1:
            self.stdout.write(f"Queued {len(due)} wire source(s).")
