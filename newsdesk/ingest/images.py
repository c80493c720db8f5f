"""Lead photos of wire items: fetched once, checked like an upload, stored as CustomImage."""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from urllib.parse import urlparse

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image

from newsdesk.images.models import CustomImage

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
NOT_AN_IMAGE = "the photo is not a JPEG, PNG, WebP or GIF image"
IMAGE_TOO_BIG = "the photo is larger than Wagtail accepts"


class WireImageError(ValueError):
    """The photo cannot be used; the message says why."""


def wire_image_check(data: bytes) -> str:
    """The file extension for ``data``, or WireImageError if it is no usable picture."""
    if len(data) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise WireImageError(IMAGE_TOO_BIG)
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind, (width, height) = picture.format, picture.size
            picture.verify()
    except Exception:  # Pillow raises many kinds for a broken file
        raise WireImageError(NOT_AN_IMAGE) from None
    if kind not in IMAGE_FORMATS:
        raise WireImageError(NOT_AN_IMAGE)
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise WireImageError(IMAGE_TOO_BIG)
    return IMAGE_FORMATS[kind]


def wire_image_create(
    *, data: bytes, url: str, title: str, caption: str, credit: str
) -> CustomImage:
    """Store a checked wire photo (call inside the item's transaction)."""
    extension = wire_image_check(data)
    stem = slugify(PurePosixPath(urlparse(url).path).stem)[:60] or "wire-photo"
    image = CustomImage(
        title=(caption or title)[:255],
        caption=caption[:500],
        credit=credit[:255],
        file=ImageFile(io.BytesIO(data), name=f"{stem}.{extension}"),
    )
    image.save()
    return image
