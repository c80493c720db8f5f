"""Import events or TV listings for a place from an iCalendar (.ics) file or URL."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.local.importers import FETCH_FAILED, FetchFailed, fetch_bytes, listings_import
from newsdesk.local.management.commands.import_traffic_alerts import UNKNOWN_PLACE
from newsdesk.local.models import Listing, Place

BAD_CALENDAR = "{source} is not an iCalendar file: {error}"


class Command(BaseCommand):
    help = "Import events or TV listings for a place from an iCalendar file or URL."

    def add_arguments(self, parser):
        parser.add_argument("source", help="An .ics file or URL.")
        parser.add_argument("--place", required=True, help="Place slug, e.g. cape-town.")
        parser.add_argument("--kind", choices=Listing.Kind.values, default=Listing.Kind.EVENT)
        parser.add_argument("--dry-run", action="store_true", help="Parse, count, write nothing.")

    def handle(self, *args, source, place, kind, dry_run, verbosity, **options):
        target = Place.objects.filter(slug=place).first()
        if target is None:
            raise CommandError(UNKNOWN_PLACE.format(slug=place))
        if source.startswith(("http://", "https://")):
            try:
                data = fetch_bytes(source)
            except FetchFailed as error:
                raise CommandError(FETCH_FAILED.format(url=source, error=error)) from error
        else:
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"No such file: {source}")
            data = path.read_bytes()
        try:
            result = listings_import(data=data, place=target, kind=kind, dry_run=dry_run)
        except ValueError as error:
            raise CommandError(BAD_CALENDAR.format(source=source, error=error)) from error
        for error in result.errors:
            self.stderr.write(error)
        if verbosity:
            self.stdout.write(
                f"{source}: {result.created} new, {result.updated} updated, "
                f"{result.skipped} skipped"
            )
