import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsdesk.images.uploads import (
    DAMAGED,
    NOT_AN_IMAGE,
    UploadRejected,
    sanitise_image_upload,
)

GPS_TAG = 0x8825
ORIENTATION_TAG = 0x0112


def _jpeg_with_gps(*, size=(60, 40), orientation=None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_TAG).update({1: "S", 2: (33.0, 55.0, 0.0), 3: "E", 4: (18.0, 25.0, 0.0)})
    if orientation:
        exif[ORIENTATION_TAG] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_gps_and_camera_metadata_are_removed():
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_TAG)
    cleaned = sanitise_image_upload(_upload(original))
    reopened = Image.open(io.BytesIO(cleaned.content))
    assert cleaned.format == "JPEG"
    assert not reopened.getexif()
    assert b"PhoneMaker" not in cleaned.content
    assert "xmp" not in reopened.info and "exif" not in reopened.info


def test_orientation_is_applied_before_metadata_is_dropped():
    # Orientation 6: the camera was turned; the upright picture is tall, not wide.
    cleaned = sanitise_image_upload(_upload(_jpeg_with_gps(size=(60, 40), orientation=6)))
    assert (cleaned.width, cleaned.height) == (40, 60)


def test_type_is_decided_by_content_not_by_name():
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, format="PNG")
    cleaned = sanitise_image_upload(_upload(png.getvalue(), name="holiday.jpg"))
    assert cleaned.format == "PNG" and cleaned.extension == "png"


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!doctype html><script>alert(1)</script>",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"%PDF-1.7\n",
    ],
    ids=["svg-with-script", "html", "gif", "pdf"],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(data):
    with pytest.raises(UploadRejected) as error:
        sanitise_image_upload(_upload(data, name="evil.jpg"))
    assert str(error.value) == NOT_AN_IMAGE.format(name="evil.jpg")


def test_png_html_polyglot_loses_its_payload():
    png = io.BytesIO()
    Image.new("RGB", (10, 10), (1, 2, 3)).save(png, format="PNG")
    polyglot = png.getvalue() + b"<html><script>alert(document.cookie)</script></html>"
    cleaned = sanitise_image_upload(_upload(polyglot, name="poly.png"))
    assert b"<script>" not in cleaned.content


def test_truncated_jpeg_is_refused_as_damaged():
    data = _jpeg_with_gps(size=(400, 300))
    with pytest.raises(UploadRejected) as error:
        sanitise_image_upload(_upload(data[: len(data) // 2], name="cut.jpg"))
    assert str(error.value) == DAMAGED.format(name="cut.jpg")


def test_pixel_bomb_is_refused_before_decoding(settings):
    settings.NEWSDESK_UPLOAD_MAX_PIXELS = 40_000_000
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, format="PNG")  # 144 Mpx in a tiny file
    assert len(bomb.getvalue()) < 1_000_000
    with pytest.raises(UploadRejected, match="12000 × 12000 pixels"):
        sanitise_image_upload(_upload(bomb.getvalue(), name="bomb.png"))


def test_files_over_the_size_cap_are_refused_before_reading(settings):
    settings.NEWSDESK_UPLOAD_MAX_BYTES = 1024 * 1024
    huge = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(UploadRejected, match=r"big\.jpg is 2 MB; photos can be at most 1 MB"):
        sanitise_image_upload(huge)


def test_giant_pixel_bomb_is_refused_with_a_clear_message():
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, format="PNG")  # 400 Mpx
    with pytest.raises(UploadRejected, match="far more pixels"):
        sanitise_image_upload(_upload(bomb.getvalue(), name="bomb.png"))


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected, match="empty"):
        sanitise_image_upload(_upload(b"", name="none.jpg"))


def test_webp_is_accepted():
    webp = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 128, 0)).save(webp, format="WEBP")
    assert sanitise_image_upload(_upload(webp.getvalue(), name="x.webp")).format == "WEBP"
