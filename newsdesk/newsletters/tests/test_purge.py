"""An editor's change to a newsletter reaches the cached ``/newsletters/`` page at once."""

import pytest
from django.test import Client

from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.newsletters.models import Newsletter

pytestmark = pytest.mark.django_db
LIST = "/newsletters/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSDESK_PAGE_CACHE = True


def _list() -> str:
    response = Client().get(LIST, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode()


def _warm() -> None:
    _list()
    assert Client().get(LIST, HTTP_HOST="localhost")[PAGE_CACHE_HEADER] == "hit"


def test_adding_pausing_and_deleting_a_newsletter_purges_the_list(
    site, daily, django_capture_on_commit_callbacks
):
    _warm()
    with django_capture_on_commit_callbacks(execute=True):
        weekly = Newsletter.objects.create(site=site, name="Weekend Reads", slug="weekend")
    assert "Weekend Reads" in _list()

    _warm()
    with django_capture_on_commit_callbacks(execute=True):
        daily.is_active = False
        daily.save()
    assert "Morning Briefing" not in _list()

    _warm()
    with django_capture_on_commit_callbacks(execute=True):
        weekly.delete()
    assert "Weekend Reads" not in _list()
