"""Check and clean images that readers upload (avatars, story photos, picture submissions).

Every reader upload goes through ``sanitise_image_upload``:

1. size cap, before anything is decoded;
2. type decided by the file's own bytes (JPEG, PNG, WebP), never by its name or the
   browser's content type; SVG, HTML, GIF and everything else is refused;
3. a pixel cap read from the header, before decoding, so decompression bombs are refused
   without allocating their memory;
4. a full decode, so truncated and damaged files are refused;
5. the EXIF orientation is applied, then the picture is re-encoded from pixels alone:
   EXIF (GPS included), XMP, IPTC, comments, embedded thumbnails and any bytes appended
   after the image (polyglots) are gone from the stored file, and so from every rendition.

A refusal raises ``UploadRejected`` whose message names the problem for the reader.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image, ImageOps, UnidentifiedImageError

TOO_LARGE = "{name} is {size} MB; photos can be at most {limit} MB."
NOT_AN_IMAGE = "{name} is not a JPEG, PNG or WebP photo."
TOO_MANY_PIXELS = (
    "{name} is {width} × {height} pixels; photos can have at most {limit} million pixels."
)
WAY_TOO_MANY_PIXELS = "{name} has far more pixels than the {limit} million a photo can have."
DAMAGED = "{name} could not be read: the file is damaged or incomplete."
EMPTY = "{name} is empty."

# Magic numbers of the formats we accept: the file's own first bytes decide its type.
SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
)
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class UploadRejected(ValueError):
    """The upload is refused; ``str(error)`` is the message to show the reader."""


@dataclass(frozen=True)
class SanitisedImage:
    content: bytes
    format: str  # "JPEG", "PNG" or "WEBP"
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    def as_file(self, *, stem: str = "photo") -> ImageFile:
        """A Django file with a fresh, safe name (the reader's file name is never used)."""
        name = f"{stem}-{secrets.token_hex(6)}.{self.extension}"
        return ImageFile(io.BytesIO(self.content), name=name)


def sniff_format(head: bytes) -> str | None:
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def sanitise_image_upload(
    uploaded, *, max_bytes: int | None = None, max_pixels: int | None = None
) -> SanitisedImage:
    """Return a clean re-encoding of ``uploaded`` or raise ``UploadRejected``."""
    max_bytes = max_bytes or settings.NEWSDESK_UPLOAD_MAX_BYTES
    max_pixels = max_pixels or settings.NEWSDESK_UPLOAD_MAX_PIXELS
    name = (getattr(uploaded, "name", "") or "The file").rsplit("/", 1)[-1][:80]
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(TOO_LARGE.format(name=name, size=_mb(size), limit=_mb(max_bytes)))
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    if not data:
        raise UploadRejected(EMPTY.format(name=name))
    if len(data) > max_bytes:
        raise UploadRejected(TOO_LARGE.format(name=name, size=_mb(len(data)), limit=_mb(max_bytes)))
    declared = sniff_format(data[:16])
    if declared is None:
        raise UploadRejected(NOT_AN_IMAGE.format(name=name))

    try:
        with warnings.catch_warnings():
            # Opening reads only the header; our own pixel cap below is the stricter one.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[declared])
        width, height = image.size
        if width * height > max_pixels:
            raise UploadRejected(
                TOO_MANY_PIXELS.format(
                    name=name, width=width, height=height, limit=_mb_pixels(max_pixels)
                )
            )
        image.load()
    except UploadRejected:
        raise
    except Image.DecompressionBombError:
        # Past twice Pillow's own limit it refuses even to read the header.
        raise UploadRejected(
            WAY_TOO_MANY_PIXELS.format(name=name, limit=_mb_pixels(max_pixels))
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRejected(DAMAGED.format(name=name)) from None
    if getattr(image, "is_animated", False) and getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # the first frame only: a still photo
    return _reencode(image, declared)


def _mb_pixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def _reencode(image: Image.Image, fmt: str) -> SanitisedImage:
    image = ImageOps.exif_transpose(image)  # turn the photo upright before EXIF is dropped
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=88, optimize=True, progressive=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(out, format="WEBP", quality=85)
    return SanitisedImage(
        content=out.getvalue(), format=fmt, width=image.width, height=image.height
    )
