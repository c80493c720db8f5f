"""Read a stored image's container, byte by byte, and name any metadata left in it.

Independent of Pillow's own reading on purpose: Pillow decides what it shows in
``info``, while a browser or an exif tool reads the segments and chunks themselves.
"""

from __future__ import annotations

import struct

# JPEG: APP0 is the plain JFIF header; everything else below SOS that carries data is
# metadata (APP1 EXIF/XMP, APP2 ICC, APP13 IPTC, COM the comment, ...).
JPEG_ALLOWED = {0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA}
PNG_ALLOWED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
WEBP_ALLOWED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def metadata_found(data: bytes) -> list[str]:
    """Names of the metadata segments/chunks in ``data`` (empty when clean)."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    raise ValueError("not a JPEG, PNG or WebP file")


def _jpeg(data: bytes) -> list[str]:
    found, pos = [], 2
    while pos + 4 <= len(data):
        assert data[pos] == 0xFF, f"bad JPEG marker at {pos}"
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos + 4 : pos + 2 + length]
        if marker not in JPEG_ALLOWED:
            label = {0xFE: "COM", 0xE1: "APP1", 0xE2: "APP2", 0xED: "APP13"}.get(
                marker, f"0x{marker:02X}"
            )
            found.append(f"{label}:{segment[:12]!r}")
        if marker == 0xDA:  # start of scan: compressed data follows, no more headers
            break
        pos += 2 + length
    if b"Exif\x00\x00" in data or b"http://ns.adobe.com/xap/" in data or b"ICC_PROFILE" in data:
        found.append("signature in data")
    return found


def _png(data: bytes) -> list[str]:
    found, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind not in PNG_ALLOWED:
            found.append(kind.decode("latin-1"))
        pos += 12 + length
        if kind == b"IEND":
            if pos != len(data):
                found.append("bytes after IEND")
            break
    return found


def _webp(data: bytes) -> list[str]:
    found, pos = [], 12
    while pos + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        if kind not in WEBP_ALLOWED:
            found.append(kind.decode("latin-1"))
        pos += 8 + length + (length & 1)
    return found


def exif_gps_found(data: bytes) -> bool:
    """True if Pillow reads any EXIF GPS tag (0x8825) back from ``data``."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(0x8825))
