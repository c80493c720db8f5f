"""Factories for images: small real JPEGs made in memory."""

import io

import factory
from django.core.files.images import ImageFile
from PIL import Image

from newsdesk.images.models import CustomImage


def jpeg_bytes(width: int = 64, height: int = 36, colour=(40, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


class CustomImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    caption = "A test photo."
    credit = "Test Photographer, AFP"
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(jpeg_bytes()), name="photo.jpg"))

    class Meta:
        model = CustomImage


SCRIPT_COMMENT = b"<script>alert(document.cookie)</script>"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-'
    b'rdf-syntax-ns#"><rdf:Description xmlns:xap="http://ns.adobe.com/xap/1.0/" '
    b'xap:CreatorTool="SecretCam"/></rdf:RDF></x:xmpmeta>'
)


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(0x8825).update({1: "S", 2: (33.0, 55.0, 0.0), 3: "E", 4: (18.0, 25.0, 0.0)})
    return exif.tobytes()


def image_with_metadata(fmt: str = "JPEG", size=(48, 32)) -> bytes:
    """A real photo carrying every kind of metadata its format can: EXIF with GPS, XMP, an
    ICC profile, and a comment or text chunk holding a script."""
    from PIL import ImageCms, PngImagePlugin

    image = Image.new("RGB", size, (30, 120, 200))
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(
            out, format="JPEG", exif=gps_exif(), icc_profile=icc, comment=SCRIPT_COMMENT, xmp=XMP
        )
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", SCRIPT_COMMENT.decode())
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        image.save(out, format="PNG", pnginfo=info, exif=gps_exif(), icc_profile=icc)
    elif fmt == "WEBP":
        image.save(out, format="WEBP", exif=gps_exif(), icc_profile=icc, xmp=XMP)
    else:
        raise ValueError(fmt)
    return out.getvalue()


def swapped_primaries_icc() -> bytes:
    """A small valid ICC v2 RGB profile whose red and blue primaries are swapped (sRGB's
    colorants, gamma 2.2): pixel (200, 40, 40) under it is a blue, so converting to sRGB
    visibly changes the numbers. No ICC file ships with the system to test with."""
    import struct

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    name = b"swapped primaries\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name + b"\0" * (4 + 4 + 2 + 1 + 67)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),  # sRGB's blue
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text\0\0\0\0no copyright\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 48
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body
