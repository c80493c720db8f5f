"""Back up the database and uploaded media into one archive."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup (database + media) to a .tar file; the site can keep running."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            type=Path,
            help="File to write (default: $NEWSDESK_DATA_DIR/backups/newsdesk-<time>.tar).",
        )

    def handle(self, *args, destination, **options):
        if destination is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            destination = Path(settings.DATA_DIR) / "backups" / f"newsdesk-{stamp}.tar"
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            manifest = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest.engine} database and {manifest.media_files} media "
            f"files to {destination}"
        )
