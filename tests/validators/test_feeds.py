"""Every feed through feedparser and the format's own rules; sitemaps against their
schemas; robots.txt naming them. All against ``newsdesk serve`` with the demo content.

feedparser is lenient by design (bozo only flags XML it had to repair), so the rules each
format makes required are checked here on the document itself: RFC 4287 for Atom, the
RSS 2.0 specification, JSON Feed 1.1.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import feedparser
import pytest
import xmlschema
from django.urls import reverse
from lxml import etree

from tests.validators.conftest import SCHEMAS

ATOM = "{http://www.w3.org/2005/Atom}"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _feed_urls(served) -> list[str]:
    """Every feed a reader can reach: the site's, and those the pages advertise or link."""
    found = {reverse("feeds:rss"), reverse("feeds:atom"), reverse("feeds:json")}
    found.update(
        reverse("feeds:source", kwargs={"source_name": "contributions", "fmt": fmt})
        for fmt in ("rss", "atom", "json")
    )
    for path in served.pages.values():
        html = served.get(path).text
        found.update(
            re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', html)
        )
        found.update(re.findall(r'href="([^"]*/feeds/[^"]+)"', html))
    paths = {urlsplit(url).path for url in found}
    # A section's, a tag's and an author's feed in every format, not only the advertised one.
    for path in list(paths):
        match = re.match(r"^(/feeds/(?:section|tag|author)/[^/]+/)[a-z]+/$", path)
        if match:
            paths.update(match.group(1) + fmt + "/" for fmt in ("rss", "atom", "json"))
    return sorted(paths)


@pytest.fixture(scope="module")
def feeds(served) -> dict[str, tuple[str, bytes]]:
    result = {}
    for path in _feed_urls(served):
        response = served.get(path)
        assert response.status_code == 200, path
        result[path] = (response.headers["Content-Type"], response.content)
    return result


def test_every_kind_of_feed_is_checked(feeds):
    kinds = {re.sub(r"^/feeds/(section|tag|author)/[^/]+/", r"/feeds/\1/*/", p) for p in feeds}
    for expected in (
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        "/feeds/section/*/atom/",
        "/feeds/tag/*/atom/",
        "/feeds/author/*/atom/",
        "/feeds/author/*/json/",
        "/feeds/contributions/rss/",
    ):
        assert expected in kinds, f"{expected} not reached; reached {sorted(kinds)}"


def test_every_xml_feed_parses_cleanly_with_entries(feeds):
    # feedparser 6.0 reads RSS and Atom only; JSON Feeds get their own rules below.
    for path, (_, body) in feeds.items():
        if path.endswith("/json/"):
            continue
        parsed = feedparser.parse(body)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.entries, f"{path} has no entries"
        for entry in parsed.entries:
            assert entry.get("title", "").strip(), (path, entry)
            # Issue #14: a reader's story went out with an empty summary.
            assert entry.get("summary", "").strip(), (path, entry.get("link"), "empty summary")


def _rfc3339(value: str) -> datetime:
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", value), value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _atom_rules(path: str, root) -> None:
    """RFC 4287: the elements a feed and each entry must have."""
    assert root.tag == f"{ATOM}feed", path
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, (path, f"feed needs one atom:{name}")
    _rfc3339(root.findtext(f"{ATOM}updated"))
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        where = (path, entry.findtext(f"{ATOM}id"))
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, (*where, f"entry needs atom:{name}")
        _rfc3339(entry.findtext(f"{ATOM}updated"))
        # 4.1.2: every entry names an author, itself or through the feed. The W3C validator
        # asks each entry to, so newsdesk gives each one.
        names = [n.text or "" for n in entry.findall(f"{ATOM}author/{ATOM}name")]
        assert names and all(n.strip() for n in names), (*where, "entry without author")
        assert feed_has_author, (path, "feed without author")
        # An entry without content must have an alternate link and a summary (4.1.2).
        if entry.find(f"{ATOM}content") is None:
            alternates = [
                link
                for link in entry.findall(f"{ATOM}link")
                if link.get("rel", "alternate") == "alternate"
            ]
            assert alternates, (*where, "no alternate link")
            assert (entry.findtext(f"{ATOM}summary") or "").strip(), (*where, "empty summary")


def _rss_rules(path: str, root) -> None:
    """RSS 2.0: channel title, link, description; items with a title or description."""
    assert root.tag == "rss" and root.get("version") == "2.0", path
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), (path, f"channel needs {name}")
    for item in channel.findall("item"):
        where = (path, item.findtext("link"))
        assert (item.findtext("title") or item.findtext("description") or "").strip(), where
        assert (item.findtext("description") or "").strip(), (*where, "empty description")
        if item.find("pubDate") is not None:
            assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None, where
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink", "true") == "true":
            assert guid.text.startswith(("http://", "https://")), (*where, "permalink guid")


def _json_feed_rules(path: str, document: dict) -> None:
    """JSON Feed 1.1: version, title, items; each item an id and content."""
    assert document["version"] == "https://jsonfeed.org/version/1.1", path
    assert document["title"].strip(), path
    assert isinstance(document["items"], list), path
    assert document["items"], f"{path} has no items"
    for item in document["items"]:
        where = (path, item.get("id"))
        assert item.get("title", "").strip(), where
        assert item.get("summary", "").strip(), (*where, "empty summary")
        assert isinstance(item["id"], str) and item["id"], where
        assert (item.get("content_html") or item.get("content_text") or "").strip(), where
        for key in ("date_published", "date_modified"):
            if key in item:
                _rfc3339(item[key])
        for author in item.get("authors", []):
            assert author.get("name") or author.get("url"), where
        assert "author" not in item, (*where, "1.1 uses authors, not author")


def test_every_feed_follows_its_formats_rules(feeds):
    for path, (content_type, body) in feeds.items():
        if path.endswith("/json/"):
            assert content_type.startswith("application/feed+json"), path
            _json_feed_rules(path, json.loads(body))
            continue
        root = etree.fromstring(body)
        if path.endswith("/atom/"):
            assert content_type.startswith("application/atom+xml"), path
            _atom_rules(path, root)
        else:
            assert content_type.startswith(("application/rss+xml", "application/xml")), path
            _rss_rules(path, root)


def _sitemap_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(
        str(SCHEMAS / "sitemap.xsd"),
        locations=[(NEWS_NS, str(SCHEMAS / "sitemap-news.xsd"))],
    )


@pytest.mark.parametrize("name", ["sitemap", "news_sitemap"])
def test_sitemaps_are_valid_against_the_sitemaps_org_schema(served, name):
    response = served.get(reverse(name))
    assert response.status_code == 200
    schema = _sitemap_schema()
    errors = [str(error) for error in schema.iter_errors(response.content)]
    assert errors == [], "\n".join(errors[:5])
    locs = re.findall(rb"<loc>([^<]+)</loc>", response.content)
    assert locs, f"{name} lists nothing"


def test_the_schema_check_refuses_a_broken_sitemap():
    # The check can fail: a relative loc and a priority out of range are both refused.
    broken = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>/world/</loc><priority>2</priority></url></urlset>"
    )
    assert len(list(_sitemap_schema().iter_errors(broken))) == 2


def test_robots_txt_names_the_sitemaps_on_the_sites_address(served):
    response = served.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    sitemaps = re.findall(r"^Sitemap: (\S+)$", response.text, flags=re.MULTILINE)
    assert sitemaps == [served.url(reverse("sitemap")), served.url(reverse("news_sitemap"))]
    for url in sitemaps:
        assert served.get(urlsplit(url).path).status_code == 200
