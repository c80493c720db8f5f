"""The Wagtail admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): editors' uploads
are checked and re-encoded without metadata, like every other image newsdesk stores.

Wagtail builds its add, edit, chooser-upload and multiple-upload forms on this base, so
one ``clean_file`` covers them all; ``CustomImage`` re-encodes the one path that skips
the form (the multiple uploader's "complete the details later" upload).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from newsdesk.images.uploads import (
    EDITOR_FORMATS,
    UploadRejected,
    file_stem,
    sanitise_image_upload,
)


class CheckedImageField(WagtailImageField):
    """Wagtail's field, with a damaged file refused instead of raising.

    Wagtail decodes the file to count its pixels and lets Pillow's error through for a
    truncated or corrupt one (a 500); here it is the field's own "not a valid image".
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from None


class CleanImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's factory builds the file field itself (its formfield callback wins
        # over ours), and some of its forms leave the field out (the multiple uploader's
        # details form); where it is present, it gets the checked behaviour.
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = CheckedImageField

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # editing the details of an image already stored
        try:
            clean = sanitise_image_upload(
                uploaded,
                max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
                max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
                formats=EDITOR_FORMATS,
            )
        except UploadRejected as error:
            raise ValidationError(str(error), code=error.code) from None
        return clean.as_file(stem=file_stem(uploaded.name))
