"""The image model, custom from the first migration: every photo carries its credit."""

import os

from django.conf import settings
from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from newsdesk.images.uploads import EDITOR_FORMATS, file_stem, sanitise_image_bytes


class CustomImage(AbstractImage):
    """A photo with the caption and credit a news picture desk records."""

    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=255, blank=True, help_text="Photographer and agency, e.g. 'Jane Doe, AFP'."
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
