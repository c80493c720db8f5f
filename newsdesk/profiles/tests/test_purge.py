"""Profile edits purge the cached pages that show the reader, on every site (issue #12)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.contributions.tests.factories import approve, editor, sent_story
from newsdesk.profiles.services import profile_tombstone
from newsdesk.profiles.tests.factories import reader_with_profile
from newsdesk.sections.tests.factories import news_site

pytestmark = pytest.mark.django_db
HOSTS = ("localhost", "sport.localhost")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSDESK_PAGE_CACHE = True


@pytest.fixture
def network(home_page):
    return news_site(hostname="sport.localhost", default=False)


def _cached(path: str, host: str = "localhost") -> str:
    """What an anonymous reader gets for ``path``, warmed so that a stale copy would show."""
    reader = Client()
    response = reader.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, host)
    return response.content.decode()


def _warm(path: str, host: str = "localhost") -> None:
    reader = Client()
    reader.get(path, HTTP_HOST=host)
    assert reader.get(path, HTTP_HOST=host)[PAGE_CACHE_HEADER] == "hit"


def test_cached_profile_shows_the_new_bio_on_every_site_right_after_the_edit(
    client, network, django_capture_on_commit_callbacks
):
    profile = reader_with_profile("zanele")
    for host in HOSTS:
        _warm("/people/zanele/", host)
        assert "Lighthouse keeper" not in _cached("/people/zanele/", host)
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/people/me/edit/", {"display_name": "Zanele Dube", "bio": "Lighthouse keeper"}
        )
    assert response.status_code == 302
    for host in HOSTS:
        page = _cached("/people/zanele/", host)
        assert "Lighthouse keeper" in page and "Zanele Dube" in page, host


def test_new_avatar_shows_on_the_cached_profile_at_once(
    client, home_page, django_capture_on_commit_callbacks
):
    profile = reader_with_profile("zanele")
    _warm("/people/zanele/")
    client.force_login(profile.user)
    photo = io.BytesIO()
    Image.new("RGB", (400, 400), "#336699").save(photo, format="JPEG")
    upload = SimpleUploadedFile("me.jpg", photo.getvalue(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/people/me/edit/", {"display_name": "Z", "bio": "", "avatar": upload})
    profile.refresh_from_db()
    assert profile.avatar.url in _cached("/people/zanele/")


def test_deleted_account_leaves_the_cached_profile_at_once(
    home_page, django_capture_on_commit_callbacks
):
    profile = reader_with_profile("zanele")
    _warm("/people/zanele/")
    with django_capture_on_commit_callbacks(execute=True):
        profile_tombstone(profile=profile)
    assert Client().get("/people/zanele/", HTTP_HOST="localhost").status_code == 410


def test_new_name_shows_on_the_cached_community_story_byline(
    client, home_page, django_capture_on_commit_callbacks
):
    profile = reader_with_profile("thandi")
    with django_capture_on_commit_callbacks(execute=True):
        approve(sent_story(profile), editor())
    story = profile.publications.get().article
    _warm(story.url)
    assert "Thandi" in _cached(story.url)
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/people/me/edit/", {"display_name": "Thandiwe Mokoena", "bio": ""})
    assert "Thandiwe Mokoena" in _cached(story.url)


def test_a_moderators_edit_in_the_admin_purges_the_cached_profile(
    client, home_page, django_capture_on_commit_callbacks
):
    profile = reader_with_profile("zanele")
    _warm("/people/zanele/")
    moderator = get_user_model().objects.create_superuser(username="mod", password="x" * 12)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/snippets/profiles/profile/edit/{profile.pk}/",
            {"username": "zanele", "display_name": "Zanele", "bio": "Tidied by the desk"},
        )
    assert response.status_code == 302
    assert "Tidied by the desk" in _cached("/people/zanele/")
