"""A story in another language than its site's says so everywhere (issue #15, item 9):
the page's <html lang>, JSON-LD inLanguage, the feeds and the news sitemap."""

import json
import re

import pytest
from lxml import etree

from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def stories(section):
    german = article_factory(section=section, title="Regierung einigt sich", language="de-AT")
    english = article_factory(section=section, title="Council votes", hours_ago=2)
    return german, english


def test_the_page_and_its_json_ld_carry_the_storys_language(client, stories):
    german, english = stories
    page = client.get(german.url).content.decode()
    assert '<html lang="de-AT">' in page
    blob = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert json.loads(blob)["inLanguage"] == "de-AT"
    assert '<html lang="en' in client.get(english.url).content.decode()


def test_the_news_sitemap_gives_each_story_its_language(client, stories):
    root = etree.fromstring(client.get("/news-sitemap.xml").content)
    languages = [e.text for e in root.iter(f"{NEWS}language")]
    assert languages == ["de", "en"]


def test_feeds_give_each_story_its_language(client, stories):
    atom = etree.fromstring(client.get("/feeds/atom/").content)
    entries = {e.findtext(f"{ATOM}title"): e.get(XML_LANG) for e in atom.iter(f"{ATOM}entry")}
    assert entries == {"Regierung einigt sich": "de-AT", "Council votes": None}
    rss = etree.fromstring(client.get("/feeds/rss/").content)
    dc = "{http://purl.org/dc/elements/1.1/}language"
    assert [i.findtext(dc) for i in rss.iter("item")] == ["de-AT", None]
    items = json.loads(client.get("/feeds/json/").content)["items"]
    assert [i.get("language") for i in items] == ["de-AT", None]
