"""Import traffic alerts from RSS/Atom feeds: every enabled feed, or one given here."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.local.importers import (
    FETCH_FAILED,
    FetchFailed,
    fetch_bytes,
    traffic_alerts_import,
    traffic_feeds_import_all,
)
from newsdesk.local.models import Place, TrafficAlert

UNKNOWN_PLACE = "No place with the slug “{slug}” (see Local > Places in the admin)."


class Command(BaseCommand):
    help = "Import traffic alerts from the feeds editors listed, or from one feed or file."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="A feed URL or file (default: all feeds).")
        parser.add_argument("--region", help="Place slug the alerts are for (with a source).")
        parser.add_argument(
            "--severity",
            choices=TrafficAlert.Severity.values,
            default=TrafficAlert.Severity.MODERATE,
        )
        parser.add_argument("--hours", type=int, default=6, help="How long each alert shows.")
        parser.add_argument("--dry-run", action="store_true", help="Parse, count, write nothing.")

    def handle(self, *args, source, region, severity, hours, dry_run, verbosity, **options):
        if not source:
            for url, result in traffic_feeds_import_all().items():
                self._report(url, result, verbosity)
            return
        if not region:
            raise CommandError("--region is required with a source.")
        place = Place.objects.filter(slug=region).first()
        if place is None:
            raise CommandError(UNKNOWN_PLACE.format(slug=region))
        data = self._read(source)
        result = traffic_alerts_import(
            data=data, region=place, severity=severity, hours=hours, dry_run=dry_run
        )
        self._report(source, result, verbosity)

    def _read(self, source: str) -> bytes:
        if source.startswith(("http://", "https://")):
            try:
                return fetch_bytes(source)
            except FetchFailed as error:
                raise CommandError(FETCH_FAILED.format(url=source, error=error)) from error
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"No such file: {source}")
        return path.read_bytes()

    def _report(self, source, result, verbosity):
        for error in result.errors:
            self.stderr.write(error)
        if verbosity:
            self.stdout.write(
                f"{source}: {result.created} new, {result.updated} updated, "
                f"{result.skipped} skipped"
            )
