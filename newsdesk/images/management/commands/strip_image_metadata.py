"""Re-encode stored originals that still carry metadata (EXIF/GPS, XMP, ICC, comments).

Images stored since issue #13 are clean; this sweeps those stored before (or restored
from an old backup). Each image is its own transaction; renditions are regenerated.
"""

from django.core.management.base import BaseCommand

from newsdesk.images.models import CustomImage
from newsdesk.images.services import image_has_metadata, image_strip_metadata
from newsdesk.images.uploads import UploadRejected


class Command(BaseCommand):
    help = "Re-encode every stored original image that still carries metadata."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; change nothing."
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        changed = failed = total = 0
        for image in CustomImage.objects.order_by("pk").iterator():
            total += 1
            try:
                if dry_run:
                    done = image_has_metadata(image=image)
                else:
                    done = image_strip_metadata(image=image)
            except (OSError, UploadRejected) as error:
                failed += 1
                self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
                continue
            if done:
                changed += 1
                if verbosity > 1:
                    self.stdout.write(f"image {image.pk}: {image.file.name}")
        verb = "would be re-encoded" if dry_run else "re-encoded"
        self.stdout.write(f"{changed} of {total} images {verb}; {failed} could not be read.")
        if failed:
            raise SystemExit(1)
