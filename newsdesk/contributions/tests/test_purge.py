"""Approving a contribution purges every cached page that shows it (issue #12)."""

import pytest
from django.test import Client

from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.contributions.services import community_section_ensure
from newsdesk.contributions.tests.factories import (
    approve,
    editor,
    reader,
    sent_pictures,
    sent_story,
)

pytestmark = pytest.mark.django_db
HOST = "localhost"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSDESK_PAGE_CACHE = True


def _anonymous(path: str) -> str:
    response = Client().get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def _warm(*paths: str) -> None:
    for path in paths:
        _anonymous(path)
        assert Client().get(path, HTTP_HOST=HOST)[PAGE_CACHE_HEADER] == "hit", path


def test_approved_story_shows_at_once_on_the_cached_homepage_and_profile(
    home_page, django_capture_on_commit_callbacks
):
    community_section_ensure()  # made on the first approval, it would purge the whole site
    profile = reader()
    submission = sent_story(profile, title="Flood in Hammarsdale")
    _warm("/", "/people/thandi/")
    assert "Flood in Hammarsdale" not in _anonymous("/people/thandi/")
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission, editor())
    assert "Flood in Hammarsdale" in _anonymous("/")
    assert "Flood in Hammarsdale" in _anonymous("/people/thandi/")
    story = profile.publications.get().article
    assert "Flood in Hammarsdale" in _anonymous(story.get_parent().url)


def test_approved_pictures_show_at_once_in_the_cached_user_galleries(
    home_page, django_capture_on_commit_callbacks
):
    profile = reader()
    submission = sent_pictures(profile, title="Storm over the bay")
    _warm("/galleries/readers/", "/people/thandi/")
    assert "Thandi Mokoena" not in _anonymous("/galleries/readers/")
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission, editor())
    assert "Thandi Mokoena" in _anonymous("/galleries/readers/")
    assert "Storm over the bay" in _anonymous("/people/thandi/")
