"""``newsdesk strip_image_metadata`` cleans originals stored before uploads were cleaned."""

import hashlib
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from newsdesk.images.models import CustomImage
from newsdesk.images.tests.factories import image_with_metadata, jpeg_bytes
from newsdesk.images.tests.metadata import exif_gps_found, metadata_found

pytestmark = pytest.mark.django_db


def _stored(image) -> bytes:
    with image.file.open("rb") as f:
        return f.read()


def _images():
    dirty = CustomImage.objects.create(
        title="Old", file=ContentFile(image_with_metadata("JPEG"), name="old.jpg")
    )
    clean = CustomImage.objects.create(title="New", file=ContentFile(jpeg_bytes(), name="new.jpg"))
    assert metadata_found(_stored(dirty)) and metadata_found(_stored(clean)) == []
    return dirty, clean


def test_the_sweep_reencodes_dirty_originals_and_leaves_clean_ones(
    django_capture_on_commit_callbacks,
):
    dirty, clean = _images()
    dirty.get_rendition("width-20")
    old_dirty, old_clean = dirty.file.name, clean.file.name
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=out)
    assert "1 of 2 images re-encoded" in out.getvalue()
    dirty.refresh_from_db()
    clean.refresh_from_db()
    data = _stored(dirty)
    assert metadata_found(data) == [] and not exif_gps_found(data)
    assert dirty.file_size == len(data) and not dirty.renditions.exists()
    assert dirty.file_hash == hashlib.sha1(data).hexdigest()
    assert not dirty.file.storage.exists(old_dirty)  # the dirty file is gone
    assert clean.file.name == old_clean


def test_the_dry_run_changes_nothing():
    dirty, _ = _images()
    before = (dirty.file.name, _stored(dirty))
    out = StringIO()
    call_command("strip_image_metadata", "--dry-run", stdout=out)
    assert "1 of 2 images would be re-encoded" in out.getvalue()
    dirty.refresh_from_db()
    assert (dirty.file.name, _stored(dirty)) == before
