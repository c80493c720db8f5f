"""Every stored image is re-encoded with no metadata at all (issue #13, row 9): the JPEG
comment (which could carry a script), EXIF and its GPS position, XMP, the ICC profile and
PNG text chunks. Checked by reading the stored bytes' segments and chunks back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsdesk.images.models import CustomImage
from newsdesk.images.tests.factories import (
    SCRIPT_COMMENT,
    image_with_metadata,
    swapped_primaries_icc,
)
from newsdesk.images.tests.metadata import exif_gps_found, metadata_found
from newsdesk.images.uploads import image_encode_clean, sanitise_image_upload


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_dirty_fixture_really_carries_metadata(fmt):
    # Guards the tests below: they would pass vacuously on a clean input.
    data = image_with_metadata(fmt)
    assert metadata_found(data)
    assert exif_gps_found(data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_an_upload_is_stored_with_no_metadata(fmt):
    data = image_with_metadata(fmt)
    clean = sanitise_image_upload(SimpleUploadedFile("photo", data))
    assert clean.format == fmt
    assert metadata_found(clean.content) == []
    assert not exif_gps_found(clean.content)
    assert SCRIPT_COMMENT not in clean.content and b"SecretCam" not in clean.content


def test_the_jpeg_comment_no_longer_survives_reencoding():
    clean = sanitise_image_upload(SimpleUploadedFile("p.jpg", image_with_metadata("JPEG")))
    with Image.open(io.BytesIO(clean.content)) as reopened:
        assert "comment" not in reopened.info
        assert "icc_profile" not in reopened.info


@pytest.mark.django_db
def test_renditions_of_a_clean_upload_carry_no_metadata():
    clean = sanitise_image_upload(SimpleUploadedFile("p.jpg", image_with_metadata("JPEG")))
    image = CustomImage.objects.create(title="Reader photo", file=clean.as_file())
    for spec in ("width-20", "fill-10x10", "width-20|format-webp", "width-20|format-png"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as stored:
            data = stored.read()
        assert metadata_found(data) == [], spec
        assert SCRIPT_COMMENT not in data


def test_a_photo_with_its_own_colour_profile_is_converted_to_srgb_before_it_goes():
    # Under this profile (200, 40, 40) is a blue: dropping the profile without converting
    # would store a red.
    image = Image.new("RGB", (8, 8), (200, 40, 40))
    image.info["icc_profile"] = swapped_primaries_icc()
    data = image_encode_clean(image, fmt="PNG")
    assert metadata_found(data) == []
    with Image.open(io.BytesIO(data)) as stored:
        red, green, blue = stored.getpixel((0, 0))
    assert blue > 150 and red < 80, (red, green, blue)


def test_palette_transparency_survives_without_its_text_chunks():
    from PIL import PngImagePlugin

    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret")
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=1, pnginfo=info)
    clean = sanitise_image_upload(SimpleUploadedFile("p.png", out.getvalue()))
    assert metadata_found(clean.content) == []
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert stored.convert("RGBA").getpixel((0, 0)) == (255, 0, 0, 0)
