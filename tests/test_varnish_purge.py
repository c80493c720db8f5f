"""Purge on publish against a real Varnish running deploy/varnish/default.vcl."""

import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from newsdesk.articles.tests.factories import article_factory
from newsdesk.caching.varnish import (
    VARNISH_NOT_INSTALLED,
    free_port,
    running_varnish,
    varnishd_path,
)

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

VARNISH_PORTS = range(8880, 8890)
FRESH_WITHIN_SECONDS = 1.0


def _get(port: int, path: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def varnish(live_site, settings):
    if varnishd_path() is None:
        pytest.fail(VARNISH_NOT_INSTALLED)
    backend_port = urlsplit(live_site.url).port
    with running_varnish(backend_port=backend_port, port=free_port(VARNISH_PORTS)) as port:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "newsdesk.caching.backends.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }
        yield port


@pytest.fixture
def newsroom(transactional_db):
    from newsdesk.sections.tests.factories import SectionPageFactory, news_site

    home = news_site().root_page.specific
    section = SectionPageFactory(parent=home, title="World", slug="world")
    article_factory(section=section, title="Yesterday's story", tags=["ports"])
    return section


def test_new_story_is_on_the_cached_homepage_within_a_second_of_publishing(varnish, newsroom):
    _get(varnish, "/")
    status, headers, html = _get(varnish, "/")
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Breaking: harbour reopens" not in html

    article_factory(section=newsroom, title="Breaking: harbour reopens", tags=["ports"])
    published = time.monotonic()
    while True:
        _status, headers, html = _get(varnish, "/")
        if "Breaking: harbour reopens" in html or time.monotonic() - published > 1:
            break
        time.sleep(0.05)
    assert "Breaking: harbour reopens" in html, "the cached homepage was not purged"
    assert time.monotonic() - published <= FRESH_WITHIN_SECONDS + 0.5  # the fetch itself


def test_publishing_purges_section_pages_and_tag_pages_with_any_query_string(varnish, newsroom):
    for path in ("/world/", "/world/?page=1", "/tags/ports/"):
        _get(varnish, path)
        assert _get(varnish, path)[1]["X-Cache"] == "HIT"
    article_factory(section=newsroom, title="Cranes return to the quay", tags=["ports"])
    for path in ("/world/", "/world/?page=1", "/tags/ports/"):
        html = _get(varnish, path)[2]
        assert "Cranes return to the quay" in html, path


def test_unpublished_story_disappears_from_varnish(varnish, newsroom):
    from newsdesk.articles.models import ArticlePage

    story = article_factory(section=newsroom, title="A story to withdraw")
    _get(varnish, story.url)
    assert _get(varnish, story.url)[1]["X-Cache"] == "HIT"
    ArticlePage.objects.get(pk=story.pk).unpublish()
    assert _get(varnish, story.url)[0] == 404
    assert "A story to withdraw" not in _get(varnish, "/")[2]


def test_varnish_serves_signed_in_readers_but_never_editors_or_the_admin(varnish, newsroom):
    _get(varnish, "/")
    # Public pages are the same bytes for everyone (issue #12): readers get the stored one.
    assert _get(varnish, "/", Cookie="sessionid=abc")[1]["X-Cache"] == "HIT"
    editor = "sessionid=abc; newsdesk_editor=1"
    assert _get(varnish, "/", Cookie=editor)[1]["X-Cache"] == "MISS"
    _get(varnish, "/admin/login/")
    assert _get(varnish, "/admin/login/")[1]["X-Cache"] == "MISS"


def test_ban_by_site_tag_empties_the_site_from_varnish(varnish, newsroom):
    from wagtail.models import Site

    from newsdesk.caching.services import purge_site

    _get(varnish, "/")
    _get(varnish, "/world/")
    purge_site(site=Site.objects.get(is_default_site=True))
    assert _get(varnish, "/")[1]["X-Cache"] == "MISS"
    assert _get(varnish, "/world/")[1]["X-Cache"] == "MISS"
