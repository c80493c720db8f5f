"""The image model, custom from the first migration: every photo carries its credit."""

import io
import os

from django.conf import settings
from django.core.files import File
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from newsdesk.images.uploads import (
    EDITOR_FORMATS,
    file_stem,
    image_encode_clean,
    image_metadata_present,
    image_open_checked,
    sanitise_image_bytes,
)


class CustomImage(AbstractImage):
    """A photo with the caption and credit a news picture desk records."""

    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=255, blank=True, help_text=_("Photographer and agency, e.g. 'Jane Doe, AFP'.")
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")

    @property
    def default_alt_text(self) -> str:
        # Wagtail's description is the alt text; a caption describes the photo well too.
        return self.description or self.caption or self.title

    def _set_image_file_metadata(self):
        # Wagtail's admin calls this whenever it attaches a new file: from the image form,
        # whose file ``CleanImageForm`` has already re-encoded, and from the multiple
        # uploader's "complete the details" step, which copies the editor's raw upload
        # into storage past the form. That copy is re-encoded here, before Wagtail hashes
        # and sizes the file, so no stored original keeps its metadata.
        if not getattr(self.file.file, "newsdesk_clean", False):
            self._file_reencode_clean()
        super()._set_image_file_metadata()

    def generate_rendition_file(self, filter, *, source=None):
        return super().generate_rendition_file(filter, source=self._rendition_source(source))

    def _rendition_source(self, source):
        """The original as a rendition may start from it: as stored when it is clean.

        Wagtail's renditions copy the original's EXIF, ICC profile and JPEG comment into
        every rendition. Originals newsdesk stores carry none; one stored before they
        were cleaned (or restored from an old backup) is cleaned in memory first, in its
        own format so that renditions keep their default format.
        """
        if source is None:
            with self.open_file() as stored:
                data = stored.read()
        else:
            source.seek(0)
            data = source.read()
            source.seek(0)
        if not image_metadata_present(data):
            return source if source is not None else File(io.BytesIO(data), name=self.file.name)
        image, fmt = image_open_checked(
            data,
            name=os.path.basename(self.file.name),
            max_bytes=max(len(data), 1),
            max_pixels=max(self.width * self.height, 1),
            formats=EDITOR_FORMATS,
        )
        content = image_encode_clean(
            image, fmt={"GIF": "PNG", "AVIF": "WEBP"}.get(fmt, fmt), quality=95
        )
        return File(io.BytesIO(content), name=self.file.name)

    def _file_reencode_clean(self) -> None:
        old_name, storage = self.file.name, self.file.storage
        with self.file.open("rb") as stored:
            data = stored.read()
        # The same file passed the upload form's checks moments ago; a refusal here
        # would mean it changed in between, and the error stops the save.
        clean = sanitise_image_bytes(
            data,
            name=os.path.basename(old_name),
            max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
            formats=EDITOR_FORMATS,
        )
        replacement = clean.as_file(stem=file_stem(old_name))
        self.file.save(replacement.name, replacement, save=False)
        storage.delete(old_name)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
