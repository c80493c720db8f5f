import feedparser
import pytest
from wagtail import hooks

from newsdesk.articles.tests.factories import article_factory
from newsdesk.core.feeds import FeedSource
from newsdesk.core.hooks import FEED_SOURCES
from newsdesk.core.text import xml_safe
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Bell\x07 rings\x01 \u200fשלום\u200f 👩🏽‍🚒 \x1b[31m end\ufffe"


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_site_feed_parses_cleanly_with_full_metadata(client, section, fmt):
    article = article_factory(
        section=section,
        title="Harbour reopens",
        summary="Ships are back.",
        byline="Zoë Pillay",
        agency="AFP",
        tags=["durban", "ports"],
        lead_image=CustomImageFactory(),
    )
    response, parsed = _parse(client, f"/feeds/{fmt}/")
    assert "public" in response["Cache-Control"]
    (entry,) = parsed.entries
    assert entry.title == "Harbour reopens"
    assert entry.link == f"http://localhost{article.url}"
    assert entry.summary == "Ships are back."
    assert entry.author == "Zoë Pillay, AFP"
    assert [t.term for t in entry.tags] == ["World", "Durban", "Ports"]
    if fmt == "atom":
        assert entry.updated == article.last_published_at.isoformat()
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0


def test_feeds_survive_control_characters_rtl_marks_and_emoji(client, section):
    article_factory(section=section, title=HOSTILE_TITLE, summary="Tab\there\x0b and\x0c more")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, parsed = _parse(client, url)
        assert parsed.entries[0].title == xml_safe(HOSTILE_TITLE)
        assert "👩🏽‍🚒" in parsed.entries[0].title and "\u200f" in parsed.entries[0].title


def test_json_feed_is_json_feed_1_1(client, section):
    article_factory(section=section, title="Harbour reopens", tags=["ports"])
    response = client.get("/feeds/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    data = response.json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["items"][0]["title"] == "Harbour reopens"
    assert "Ports" in data["items"][0]["tags"]  # tags read as names
    assert data["items"][0]["date_published"]


def test_section_feed_lists_only_that_section(client, home_page, section):
    from newsdesk.sections.tests.factories import SectionPageFactory

    sport = SectionPageFactory(parent=home_page, title="Sport", slug="sport")
    article_factory(section=section, title="World story")
    article_factory(section=sport, title="Sport story")
    _, parsed = _parse(client, "/feeds/section/sport/rss/")
    assert [e.title for e in parsed.entries] == ["Sport story"]
    assert parsed.feed.title.startswith("Sport")


def test_tag_feed_lists_only_tagged_stories(client, section):
    article_factory(section=section, title="Tagged", tags=["chuck hagel"])
    article_factory(section=section, title="Untagged")
    _, parsed = _parse(client, "/feeds/tag/chuck-hagel/atom/")
    assert [e.title for e in parsed.entries] == ["Tagged"]


def test_unknown_feed_section_tag_or_format_is_404(client, section):
    assert client.get("/feeds/section/nope/rss/").status_code == 404
    assert client.get("/feeds/tag/nope/rss/").status_code == 404
    assert client.get("/feeds/section/world/xml/").status_code == 404
    assert client.get("/feeds/contributions-nope/rss/").status_code == 404


def test_registered_source_is_served_in_every_format(client, section):
    def contributions(request, site):
        return FeedSource(title="Reader stories", link="http://localhost/", description="d")

    def sources():
        return {"test-contributions": contributions}

    with hooks.register_temporarily(FEED_SOURCES, sources):
        _, parsed = _parse(client, "/feeds/test-contributions/rss/")
        assert parsed.feed.title == "Reader stories"
        assert client.get("/feeds/test-contributions/json/").status_code == 200
    assert client.get("/feeds/test-contributions/rss/").status_code == 404


def test_feed_cost_does_not_grow_with_items(client, section):
    for n in range(3):
        article_factory(section=section, title=f"Story {n}", tags=["a", "b"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/feeds/rss/")  # site settings and navigation cached, as on a live site
    with CaptureQueriesContext(connection) as small:
        client.get("/feeds/rss/")
    for n in range(5):
        article_factory(section=section, title=f"More {n}", tags=["c"])
    with CaptureQueriesContext(connection) as large:
        client.get("/feeds/rss/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_pages_link_to_their_feeds_in_the_head(client, section):
    article_factory(section=section, tags=["ports"])
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and "http://localhost/feeds/rss/" in home
    assert 'type="application/atom+xml"' in home
    section_html = client.get(section.url).content.decode()
    assert "/feeds/section/world/rss/" in section_html
    assert "/feeds/tag/ports/rss/" in client.get("/tags/ports/").content.decode()
