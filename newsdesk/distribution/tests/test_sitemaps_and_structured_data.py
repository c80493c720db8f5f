import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from newsdesk.articles.models import ArticleCorrection, ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def test_news_sitemap_lists_exactly_the_stories_of_the_last_48_hours(client, section):
    fresh = article_factory(section=section, title="Fresh", hours_ago=1, tags=["ports"])
    edge = article_factory(section=section, title="Yesterday", hours_ago=47)
    article_factory(section=section, title="Old", hours_ago=49)
    article_factory(section=section, title="Draft", hours_ago=1, publish=False)
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    urls = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert urls == [f"http://localhost{fresh.url}", f"http://localhost{edge.url}"]
    news = root.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "News"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh"
    assert news.findtext(f"{NEWS}publication_date").startswith(
        timezone.localtime(fresh.first_published_at).strftime("%Y-%m-%dT%H:%M")
    )


def test_news_sitemap_survives_control_characters(client, section):
    article_factory(section=section, title="Bad\x01 \x1btitle \u200f👍🏿")
    root = etree.fromstring(client.get("/news-sitemap.xml").content)
    assert root.findtext(f"{SITEMAP}url/{NEWS}news/{NEWS}title") == "Bad title \u200f👍🏿"


def test_wagtail_sitemap_lists_articles_with_lastmod(client, section):
    article = article_factory(section=section, title="Listed")
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://localhost{article.url}" in body or article.url in body
    assert "<lastmod>" in body


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


REQUIRED = {
    "@context",
    "@type",
    "headline",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
    "url",
}


def test_article_json_ld_has_the_news_article_shape(client, section):
    article = article_factory(
        section=section,
        title="Harbour </script><script>alert(1)</script> reopens",
        summary="Ships are back.",
        byline="Zoë Pillay and Sam Ndlovu",
        dateline="Durban",
        tags=["durban", "ports"],
        lead_image=CustomImageFactory(),
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    data = _json_ld(html)
    assert set(data) >= REQUIRED
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Harbour </script>")
    assert len(data["headline"]) <= 110
    assert data["author"] == [
        {"@type": "Person", "name": "Zoë Pillay"},
        {"@type": "Person", "name": "Sam Ndlovu"},
    ]
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == "News" and data["publisher"]["logo"]["url"]
    assert data["articleSection"] == "World"
    assert data["keywords"] == ["Durban", "Ports"]
    assert data["dateline"] == "Durban"
    assert len(data["image"]) == 3 and all(
        image["@type"] == "ImageObject" and image["url"].startswith("http://localhost/")
        for image in data["image"]
    )
    # Canonical: the site's own host, whichever host the request came in on.
    assert data["url"] == data["mainEntityOfPage"]["@id"] == f"http://localhost{article.url}"
    assert timezone.datetime.fromisoformat(data["datePublished"]) == article.first_published_at


def test_article_head_has_canonical_opengraph_and_twitter_tags(client, section):
    article = article_factory(
        section=section,
        title="Harbour reopens",
        summary="Ships.",
        lead_image=CustomImageFactory(),
        tags=["ports"],
    )
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Harbour reopens">' in html
    assert '<meta property="og:description" content="Ships.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:tag" content="Ports">' in html
    assert '<meta property="og:image" content="http://localhost/' in html


def _add_correction(article, text, *, hours_ago=0.0, kind="correction"):
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections.add(
        ArticleCorrection(
            kind=kind, text=text, noted_at=timezone.now() - timedelta(hours=hours_ago)
        )
    )
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_correction_shows_on_page_in_json_ld_and_moves_modified_time(client, section):
    article = article_factory(section=section, title="Harbour reopens", hours_ago=5)
    before = article.last_published_at
    article = _add_correction(article, "An earlier version gave the wrong date.")
    assert article.last_published_at > before
    html = client.get(article.url).content.decode()
    assert "Corrections and updates" in html
    assert "An earlier version gave the wrong date." in html
    data = _json_ld(html)
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["text"] == "An earlier version gave the wrong date."
    assert timezone.datetime.fromisoformat(data["dateModified"]) >= article.last_published_at
    import feedparser

    entry = feedparser.parse(client.get("/feeds/atom/").content).entries[0]
    assert entry.updated == article.last_published_at.isoformat()
    sitemap = client.get("/news-sitemap.xml").content.decode()
    assert timezone.localtime(article.last_published_at).isoformat()[:16] in sitemap


def test_corrections_page_lists_them_newest_first(client, section):
    one = article_factory(section=section, title="First story")
    two = article_factory(section=section, title="Second story")
    _add_correction(one, "Older correction.", hours_ago=3)
    _add_correction(two, "Newer update.", kind="update")
    response = client.get("/corrections/")
    html = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert html.index("Newer update.") < html.index("Older correction.")
    assert f'href="{one.url}"' in html and "Update" in html


def test_corrections_page_hides_corrections_of_unpublished_stories(client, section):
    article = article_factory(section=section, title="Pulled story")
    article = _add_correction(article, "Secret correction.")
    article.unpublish()
    assert "Secret correction." not in client.get("/corrections/").content.decode()


def test_related_stories_share_tags_most_shared_first(client, section):
    article = article_factory(section=section, title="Main", tags=["a", "b", "c"])
    article_factory(section=section, title="Shares one", tags=["a"])
    article_factory(section=section, title="Shares two", tags=["a", "b"])
    article_factory(section=section, title="Shares none", tags=["z"])
    html = client.get(article.url).content.decode()
    related = html[html.index("Related stories") :]
    assert related.index("Shares two") < related.index("Shares one")
    assert "Shares none" not in related
