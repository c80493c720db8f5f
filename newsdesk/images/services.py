"""Writes on stored images: strip the metadata an original stored before cleaning kept."""

from __future__ import annotations

import io
import os

from django.conf import settings
from django.db import transaction
from wagtail.utils.file import hash_filelike

from newsdesk.images.models import CustomImage
from newsdesk.images.uploads import (
    EDITOR_FORMATS,
    file_stem,
    image_metadata_present,
    sanitise_image_bytes,
)


def image_has_metadata(*, image: CustomImage) -> bool:
    with image.open_file() as stored:
        return image_metadata_present(stored.read())


def image_strip_metadata(*, image: CustomImage) -> bool:
    """Re-encode ``image``'s original without metadata and drop its renditions.

    False when it carries none (nothing changes). The new file is written first; the row
    and its renditions change in one transaction, and the old file is deleted only once
    that has committed, so a failure leaves the image as it was.
    """
    with image.open_file() as stored:
        data = stored.read()
    if not image_metadata_present(data):
        return False
    clean = sanitise_image_bytes(
        data,
        name=os.path.basename(image.file.name),
        max_bytes=max(len(data), settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE),
        max_pixels=max(image.width * image.height, 1),
        formats=EDITOR_FORMATS,
    )
    old_name, storage = image.file.name, image.file.storage
    replacement = clean.as_file(stem=file_stem(old_name))
    new_name = storage.save(
        image.file.field.generate_filename(image, replacement.name), replacement
    )
    try:
        with transaction.atomic():
            image.file = new_name  # a fresh field file: nothing cached from the old one
            image.width, image.height = clean.width, clean.height
            image.file_size = len(clean.content)
            image.file_hash = hash_filelike(io.BytesIO(clean.content))
            image.save(update_fields=["file", "width", "height", "file_size", "file_hash"])
            image.renditions.all().delete()
            transaction.on_commit(lambda: storage.delete(old_name))
    except Exception:
        storage.delete(new_name)
        raise
    return True
