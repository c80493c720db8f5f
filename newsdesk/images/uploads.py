"""Check and clean images that readers upload (avatars, story photos, picture submissions).

Every reader upload goes through ``sanitise_image_upload``:

1. size cap, before anything is decoded;
2. type decided by the file's own bytes (JPEG, PNG, WebP), never by its name or the
   browser's content type; SVG, HTML, GIF and everything else is refused;
3. a pixel cap read from the header, before decoding, so decompression bombs are refused
   without allocating their memory;
4. a full decode, so truncated and damaged files are refused;
5. the EXIF orientation is applied, colours described by an ICC profile are converted
   to sRGB, then the picture is re-encoded from pixels alone (``image_encode_clean``):
   EXIF (GPS included), XMP, IPTC, the ICC profile, JPEG comments, PNG text chunks,
   embedded thumbnails and any bytes appended after the image (polyglots) are gone from
   the stored file, and so from every rendition.

``image_encode_clean`` is the one encoder for every image newsdesk stores: readers'
uploads and avatars (through ``sanitise_image_upload``), editors' uploads in the Wagtail
admin (``images.forms.CleanImageForm`` and ``CustomImage``) and wire photos (through
``sanitise_image_bytes``). ``image_header_pixels`` reads a file's size in pixels from its
header alone, for budgets across the files of one request.

A refusal raises ``UploadRejected`` whose message names the problem for the reader.
"""

from __future__ import annotations

import io
import os
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

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
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
READER_FORMATS = ("JPEG", "PNG", "WEBP")  # what readers may upload; wire photos add GIF
# What editors may upload in the Wagtail admin (WAGTAILIMAGES_EXTENSIONS): a GIF is
# stored as a PNG of its first frame, an AVIF as a WebP (see ``image_reencode_clean``).
EDITOR_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
# AVIF is an ISO media file: its type is the brand of the ``ftyp`` box at bytes 4-12.
AVIF_BRANDS = (b"ftypavif", b"ftypavis")
SRGB = ImageCms.createProfile("sRGB")


class UploadRejected(ValueError):
    """The upload is refused; ``str(error)`` is the message to show the reader, ``code``
    says why for code that words it otherwise ("too_big", "not_an_image", "damaged")."""

    def __init__(self, message: str, *, code: str = "not_an_image"):
        super().__init__(message)
        self.code = code


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
        """A Django file with a fresh, safe name (the reader's file name is never used).

        Marked ``newsdesk_clean``, so ``CustomImage`` knows it needs no second pass."""
        name = f"{stem}-{secrets.token_hex(6)}.{self.extension}"
        file = ImageFile(io.BytesIO(self.content), name=name)
        file.newsdesk_clean = True
        return file


def sniff_format(head: bytes) -> str | None:
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if len(head) >= 12 and head[4:12] in AVIF_BRANDS:
        return "AVIF"
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def sanitise_image_upload(
    uploaded,
    *,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    formats: tuple[str, ...] = READER_FORMATS,
) -> SanitisedImage:
    """Return a clean re-encoding of ``uploaded`` or raise ``UploadRejected``."""
    max_bytes = max_bytes or settings.NEWSDESK_UPLOAD_MAX_BYTES
    name = _display_name(uploaded)
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(
            TOO_LARGE.format(name=name, size=_mb(size), limit=_mb(max_bytes)), code="too_big"
        )
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    return sanitise_image_bytes(
        data, name=name, max_bytes=max_bytes, max_pixels=max_pixels, formats=formats
    )


def sanitise_image_bytes(
    data: bytes,
    *,
    name: str,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    formats: tuple[str, ...] = READER_FORMATS,
) -> SanitisedImage:
    """Check ``data`` (steps 1 to 4) and re-encode it without metadata (step 5)."""
    image, fmt = image_open_checked(
        data, name=name, max_bytes=max_bytes, max_pixels=max_pixels, formats=formats
    )
    return image_reencode_clean(image, fmt=fmt)


def image_open_checked(
    data: bytes,
    *,
    name: str,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    formats: tuple[str, ...] = READER_FORMATS,
) -> tuple[Image.Image, str]:
    """The fully decoded picture in ``data`` and its format, or ``UploadRejected``."""
    max_bytes = max_bytes or settings.NEWSDESK_UPLOAD_MAX_BYTES
    max_pixels = max_pixels or settings.NEWSDESK_UPLOAD_MAX_PIXELS
    if not data:
        raise UploadRejected(EMPTY.format(name=name))
    if len(data) > max_bytes:
        raise UploadRejected(
            TOO_LARGE.format(name=name, size=_mb(len(data)), limit=_mb(max_bytes)), code="too_big"
        )
    declared = sniff_format(data[:16])
    if declared is None or declared not in formats:
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
                ),
                code="too_big",
            )
        image.load()
    except UploadRejected:
        raise
    except Image.DecompressionBombError:
        # Past twice Pillow's own limit it refuses even to read the header.
        raise UploadRejected(
            WAY_TOO_MANY_PIXELS.format(name=name, limit=_mb_pixels(max_pixels)), code="too_big"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRejected(DAMAGED.format(name=name), code="damaged") from None
    if getattr(image, "is_animated", False) and getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # the first frame only: a still photo
    return image, declared


def image_header_pixels(uploaded) -> int:
    """Width x height from the file's header alone, without decoding; 0 if unreadable.

    For budgets across several files: each file's own checks come later, one at a time.
    """
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    declared = sniff_format(head)
    if declared is None:
        return 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Pillow reads only the header here; the pixels stay undecoded.
            with Image.open(uploaded, formats=[declared]) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return 2 * Image.MAX_IMAGE_PIXELS  # more than any budget, as the header said
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 0  # damaged: the file's own check names it
    finally:
        uploaded.seek(0)
    return width * height


def file_stem(name: str) -> str:
    """The file name without folder or extension (the format may change on the way)."""
    return os.path.splitext(os.path.basename(name or ""))[0][:60] or "image"


def _display_name(uploaded) -> str:
    return (getattr(uploaded, "name", "") or "The file").rsplit("/", 1)[-1][:80]


def _mb_pixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels described by an embedded ICC profile to sRGB, so that dropping the
    profile keeps the colours (a wide-gamut phone photo would otherwise look washed out)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable profile: keep the pixels as they are


def image_pixels_only(image: Image.Image) -> Image.Image:
    """The picture upright and in sRGB, as pixels (and palette) with no metadata at all."""
    # Turn the photo upright before EXIF goes. This returns a new image (a copy when
    # there is nothing to turn), so emptying its ``info`` below leaves the caller's alone.
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    if "transparency" in image.info and image.mode in ("P", "L", "RGB"):
        image = image.convert("RGBA")  # the transparency lives in info, which goes
    # Pillow writes some of ``info`` back when saving (the JPEG comment, a PNG's ICC
    # profile, text chunks): an empty one leaves nothing to write.
    image.info = {}
    return image


def image_encode_clean(image: Image.Image, *, fmt: str, quality: int = 88) -> bytes:
    """Encode ``image`` with no EXIF, XMP, IPTC, ICC profile, comment or text chunk.

    The one encoder for every stored image: readers' uploads, avatars, editors' admin
    uploads and wire photos.
    """
    image = image_pixels_only(image)
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    elif fmt == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(out, format="WEBP", quality=min(quality, 85))
    else:
        raise ValueError(f"cannot store {fmt}")
    return out.getvalue()


# What Pillow reports in ``info`` that only describes how the pixels are stored; any other
# key (exif, icc_profile, xmp, comment, a PNG text chunk, photoshop/IPTC, ...) is metadata.
STRUCTURAL_INFO = frozenset(
    {
        "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive",
        "progression", "adobe", "adobe_transform", "transparency", "gamma", "srgb",
        "aspect", "interlace", "compression", "background", "loop", "duration",
        "timestamp", "version", "extension",
    }
)  # fmt: skip


def image_metadata_present(data: bytes) -> bool:
    """True if the encoded image in ``data`` carries anything besides its pixels (read
    from its header; an unreadable file counts as carrying metadata, to be safe)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return bool(set(image.info) - STRUCTURAL_INFO)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return True


def image_reencode_clean(image: Image.Image, *, fmt: str) -> SanitisedImage:
    """Re-encode a decoded picture for storage; a GIF is stored as a PNG (its first frame),
    an AVIF as a WebP (lossy with alpha like it, and a container our tests read back)."""
    fmt = {"GIF": "PNG", "AVIF": "WEBP"}.get(fmt, fmt)
    content = image_encode_clean(image, fmt=fmt)
    with Image.open(io.BytesIO(content)) as stored:
        width, height = stored.size
    return SanitisedImage(content=content, format=fmt, width=width, height=height)
