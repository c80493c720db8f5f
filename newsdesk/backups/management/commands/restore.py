"""Restore the database and uploaded media from a backup archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and media with a backup made by `newsdesk backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: everything current is replaced."
        )

    def handle(self, *args, source, yes, **options):
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        if not yes:
            answer = input(f"Replace this site's database and media with {source}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            manifest = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest.engine} database from {manifest.created_at} and "
            f"{manifest.media_files} media files."
        )
