"""Lead photos of wire items: fetched once, checked like an upload, re-encoded without
metadata by ``images.uploads`` (as readers' photos are), stored as CustomImage."""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.text import slugify

from newsdesk.images.models import CustomImage
from newsdesk.images.uploads import SanitisedImage, UploadRejected, sanitise_image_bytes

WIRE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # a GIF is stored as a PNG of its first frame
NOT_AN_IMAGE = "the photo is not a JPEG, PNG, WebP or GIF image"
IMAGE_TOO_BIG = "the photo is larger than Wagtail accepts"


class WireImageError(ValueError):
    """The photo cannot be used; the message says why."""


def wire_image_clean(data: bytes) -> SanitisedImage:
    """``data`` checked like a reader's upload and re-encoded without any metadata (EXIF
    GPS, comments, XMP, ICC), or WireImageError if it is no usable picture."""
    try:
        return sanitise_image_bytes(
            data,
            name="the photo",
            max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
            formats=WIRE_FORMATS,
        )
    except UploadRejected as error:
        raise WireImageError(IMAGE_TOO_BIG if error.code == "too_big" else NOT_AN_IMAGE) from None


def wire_image_check(data: bytes) -> str:
    """The stored file's extension for ``data``, or WireImageError if it is no usable
    picture. Decodes it fully, so a damaged photo is found before the item's transaction."""
    return wire_image_clean(data).extension


def wire_image_create(
    *, data: bytes, url: str, title: str, caption: str, credit: str
) -> CustomImage:
    """Store a checked wire photo, re-encoded (call inside the item's transaction)."""
    clean = wire_image_clean(data)
    stem = slugify(PurePosixPath(urlparse(url).path).stem)[:60] or "wire-photo"
    image = CustomImage(
        title=(caption or title)[:255],
        caption=caption[:500],
        credit=credit[:255],
        file=ImageFile(io.BytesIO(clean.content), name=f"{stem}.{clean.extension}"),
    )
    image.save()
    return image
