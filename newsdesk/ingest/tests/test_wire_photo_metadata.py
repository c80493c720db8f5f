"""Wire photos are re-encoded like readers' photos before they are stored, so their
EXIF GPS, comment, XMP and ICC profile never reach the site (issue #13, row 9)."""

import io
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.articles.models import ArticlePage
from newsdesk.images.tests.factories import SCRIPT_COMMENT, image_with_metadata
from newsdesk.images.tests.metadata import exif_gps_found, metadata_found
from newsdesk.ingest.wire_services import wire_document_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
PHOTO_URL = "https://wire.example.com/photos/tokyo-bay.jpg"


def _import_with_photo(section, wire_http, body: bytes):
    wire_http.replace("GET", PHOTO_URL, body=body)
    data = (FIXTURES / "wire_ninjs.json").read_bytes()
    report = wire_document_import(data=data, fmt="ninjs", section=section, publish=True)
    assert report.warnings == [] and report.errors == []
    return ArticlePage.objects.get().lead_image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_wire_photo_is_stored_without_gps_or_any_metadata(section, wire_http, fmt):
    original = image_with_metadata(fmt, size=(320, 180))
    assert exif_gps_found(original)
    image = _import_with_photo(section, wire_http, original)
    with image.file.open("rb") as stored:
        data = stored.read()
    assert data != original
    assert metadata_found(data) == []
    assert not exif_gps_found(data)
    assert SCRIPT_COMMENT not in data
    assert (image.width, image.height) == (320, 180)
    rendition = image.get_rendition("width-100")
    with rendition.file.open("rb") as stored:
        assert metadata_found(stored.read()) == []


def test_a_gif_wire_photo_is_stored_as_a_png_of_its_first_frame(section, wire_http):
    out = io.BytesIO()
    frames = [Image.new("P", (40, 20), i) for i in (1, 2)]
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], comment=b"hi")
    image = _import_with_photo(section, wire_http, out.getvalue())
    assert image.file.name.endswith(".png")
    with image.file.open("rb") as stored:
        assert metadata_found(stored.read()) == []
