import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.sections.tests.factories import SectionPageFactory, news_site

pytestmark = pytest.mark.django_db


def _latest(client, **headers):
    return client.get("/live/latest.json", headers=headers)


def test_latest_gives_the_newest_story_of_each_site(client, section):
    article_factory(section=section, title="Older", hours_ago=5)
    newest = article_factory(section=section, title="Newest", hours_ago=1)
    sport_home = news_site(hostname="sport.localhost", default=False).root_page
    rugby = SectionPageFactory(parent=sport_home, title="Rugby", slug="rugby")
    try_story = article_factory(section=rugby, title="Late try wins it", hours_ago=3)
    response = _latest(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    sites = {s["hostname"]: s["story"] for s in json.loads(response.content)["sites"].values()}
    assert sites["localhost"]["id"] == newest.pk
    assert sites["localhost"]["url"] == "/world/newest/"
    assert sites["localhost"]["published_ms"] == int(newest.first_published_at.timestamp() * 1000)
    assert sites["sport.localhost"]["id"] == try_story.pk
    assert sites["sport.localhost"]["title"] == "Late try wins it"


def test_latest_is_public_for_a_few_seconds_with_an_etag(client, section):
    article_factory(section=section)
    response = _latest(client)
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert response["ETag"].startswith('"')
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_a_matching_etag_gets_304_with_no_body(client, section):
    article_factory(section=section)
    etag = _latest(client)["ETag"]
    response = _latest(client, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert _latest(client, if_none_match='"something-else"').status_code == 200


def test_publishing_a_story_changes_the_etag_at_once(client, section):
    article_factory(section=section, title="First")
    etag = _latest(client)["ETag"]
    article_factory(section=section, title="Breaking", hours_ago=0)
    response = _latest(client, if_none_match=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"Breaking" in response.content


def test_unpublishing_the_newest_story_changes_it_back(client, section):
    article_factory(section=section, title="First", hours_ago=3)
    breaking = article_factory(section=section, title="Mistake", hours_ago=0)
    assert b"Mistake" in _latest(client).content
    ArticlePage.objects.get(pk=breaking.pk).unpublish()
    assert b"Mistake" not in _latest(client).content


def test_a_drafted_story_does_not_count(client, section):
    article_factory(section=section, title="Published", hours_ago=2)
    article_factory(section=section, title="Draft", publish=False)
    assert b"Draft" not in _latest(client).content


def test_polls_are_answered_from_the_cache_without_queries(client, section):
    article_factory(section=section)
    _latest(client)
    with CaptureQueriesContext(connection) as ctx:
        _latest(client)
        _latest(client)
    assert len(ctx) == 0


def test_only_get_and_head(client, home_page):
    assert client.post("/live/latest.json").status_code == 405
    assert client.head("/live/latest.json").status_code == 200


def test_homepage_carries_the_banner_region_and_the_story_it_was_rendered_with(
    client, section, settings
):
    settings.NEWSDESK_LIVE_POLL_SECONDS = 12
    story = article_factory(section=section)
    html = client.get("/").content.decode()
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert f'data-live-since="{int(story.first_published_at.timestamp() * 1000)}"' in html
    assert 'data-live-interval="12"' in html
    assert "/static/js/live.js" in html
    # The banner text only comes from the script: without JavaScript nothing is promised.
    assert "There are new stories" not in html
