"""Avatars are stored with no metadata: no JPEG comment, EXIF/GPS, XMP or ICC profile
(issue #13, row 9), read back from the stored bytes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.images.tests.factories import SCRIPT_COMMENT, image_with_metadata
from newsdesk.images.tests.metadata import exif_gps_found, metadata_found
from newsdesk.profiles.services import profile_set_avatar
from newsdesk.profiles.tests.factories import reader_with_profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_stored_avatar_carries_no_comment_exif_gps_xmp_or_profile(home_page, fmt):
    profile = reader_with_profile("zanele")
    upload = SimpleUploadedFile("me", image_with_metadata(fmt, size=(400, 300)))
    profile_set_avatar(profile=profile, upload=upload)
    profile.refresh_from_db()
    with profile.avatar.open("rb") as stored:
        data = stored.read()
    assert metadata_found(data) == []
    assert not exif_gps_found(data)
    assert SCRIPT_COMMENT not in data
