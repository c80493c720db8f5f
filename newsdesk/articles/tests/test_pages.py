from datetime import UTC

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.tests.factories import article_factory
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = pytest.mark.django_db


def test_article_page_shows_headline_time_caption_credit_dateline_and_tags(client, section):
    article = article_factory(
        section=section,
        title="Harbour reopens",
        dateline="Durban",
        byline="Zoë Pillay",
        agency="AFP",
        lead_image=CustomImageFactory(),
        lead_image_caption="Cranes at the harbour.",
        lead_image_credit="Jane Doe, AFP",
        tags=["durban", "ports"],
    )
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Harbour reopens" in html
    assert '<span class="dateline">Durban</span>' in html
    assert '<span class="caption">Cranes at the harbour.</span>' in html
    assert '<span class="credit">(Jane Doe, AFP)</span>' in html
    assert "Zoë Pillay, AFP" in html
    assert 'href="/tags/durban/"' in html and 'href="/tags/ports/"' in html
    assert "Read more on:" in html


def test_article_times_are_shown_in_the_site_time_zone(client, section):
    from datetime import datetime

    from newsdesk.articles.services import article_create

    article = article_create(
        section=section,
        title="Timed story",
        body=[{"type": "paragraph", "value": "<p>Text.</p>"}],
        published_at=datetime(2013, 10, 3, 8, 7, tzinfo=UTC),
    )
    html = client.get(article.url).content.decode()
    assert '<time datetime="2013-10-03T10:07+02:00">3 Oct 2013, 10:07</time>' in html


def test_public_pages_carry_shared_cache_headers(client, section):
    article = article_factory(section=section)
    response = client.get(article.url)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_draft_articles_are_not_served(client, section):
    article = article_factory(section=section, publish=False)
    assert client.get(f"/{section.slug}/{article.slug}/").status_code == 404


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["home", "section", "tag", "article"])
def test_pages_cost_the_same_queries_with_more_articles(client, section, home_page, page):
    def url():
        return {
            "home": "/",
            "section": section.url,
            "tag": "/tags/ports/",
            "article": first.url,
        }[page]

    first = article_factory(section=section, tags=["ports"], lead_image=CustomImageFactory())
    for n in range(3):
        article_factory(
            section=section, title=f"Story {n}", tags=["ports"], lead_image=CustomImageFactory()
        )
    client.get(url())  # warm renditions and caches once
    few = _queries_for(client, url())
    for n in range(25):
        article_factory(
            section=section, title=f"More {n}", tags=["ports"], lead_image=CustomImageFactory()
        )
    client.get(url())
    many = _queries_for(client, url())
    assert many == few
