"""Issue #13 row 7 follow-up: avatar uploads are limited per reader, like contributions.

Each new profile picture is decoded and re-encoded: a reader posting them in a loop
gets a 429 with the reason and ``Retry-After``, and nothing of that request is stored.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from freezegun import freeze_time

from newsdesk.images.tests.factories import image_with_metadata
from newsdesk.profiles.models import Profile
from newsdesk.profiles.tests.factories import reader_with_profile
from newsdesk.profiles.views import AVATAR_RATE_LIMITED

pytestmark = pytest.mark.django_db


def _picture() -> SimpleUploadedFile:
    return SimpleUploadedFile("me.jpg", image_with_metadata("JPEG"), "image/jpeg")


def _media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def limited(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "avatar_upload": "2/m/user"}


def test_a_reader_changing_avatars_too_often_gets_429_and_nothing_is_stored(
    client, home_page, settings, limited
):
    profile = reader_with_profile("alice")
    client.force_login(profile.user)
    for _ in range(2):
        response = client.post("/people/me/edit/", {"display_name": "A", "avatar": _picture()})
        assert response.status_code == 302
    profile.refresh_from_db()
    kept, files = profile.avatar.name, _media_files(settings)

    response = client.post("/people/me/edit/", {"display_name": "Mallory", "avatar": _picture()})
    assert response.status_code == 429
    assert 55 <= int(response["Retry-After"]) <= 60
    assert AVATAR_RATE_LIMITED.format(minutes=1) in response.content.decode()
    profile.refresh_from_db()
    assert (profile.avatar.name, profile.display_name) == (kept, "A")  # nothing stored
    assert _media_files(settings) == files


def test_saving_a_profile_without_a_picture_is_not_counted(client, home_page, limited):
    profile = reader_with_profile("alice")
    client.force_login(profile.user)
    for name in ("One", "Two", "Three"):
        assert client.post("/people/me/edit/", {"display_name": name}).status_code == 302
    response = client.post("/people/me/edit/", {"display_name": "Four", "avatar": _picture()})
    assert response.status_code == 302


def test_the_limit_is_per_reader(client, home_page, limited):
    for username in ("alice", "bob"):
        client.force_login(reader_with_profile(username).user)
        for _ in range(2):
            response = client.post("/people/me/edit/", {"display_name": "X", "avatar": _picture()})
            assert response.status_code == 302
    assert Profile.objects.exclude(avatar="").count() == 2


def test_retry_after_names_the_longest_full_window(client, home_page, settings):
    # Under the daily rate, waiting out the short window does not help: Retry-After says
    # when the day's first upload leaves the window.
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "avatar_upload": "2/m/user,3/h/user",
    }
    client.force_login(reader_with_profile("alice").user)
    with freeze_time("2026-12-01 10:00:00") as clock:
        for step in (0, 0, 61):
            clock.tick(step)
            response = client.post("/people/me/edit/", {"display_name": "A", "avatar": _picture()})
            assert response.status_code == 302
        clock.tick(61)
        response = client.post("/people/me/edit/", {"display_name": "A", "avatar": _picture()})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 3600 - 122
    assert AVATAR_RATE_LIMITED.format(minutes=58) in response.content.decode()
