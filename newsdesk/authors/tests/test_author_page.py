import pytest
from django.urls import reverse

from newsdesk.articles.tests.factories import article_factory
from newsdesk.authors.tests.factories import author_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jane(section):
    jane = author_factory(
        name="Jane Doe",
        role="Political editor",
        bio="Jane covers Parliament.",
        links=[("Website", "https://example.org/jane")],
    )
    article_factory(section=section, title="Budget vote tonight", authors=[jane], hours_ago=2)
    article_factory(section=section, title="Speaker re-elected", authors=[jane], hours_ago=1)
    article_factory(section=section, title="Someone else's story", byline="John Roe")
    return jane


def test_author_page_shows_bio_links_feeds_and_stories_newest_first(client, jane):
    response = client.get(reverse("authors:detail", kwargs={"slug": "jane-doe"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Jane Doe</h1>" in html
    assert "Political editor" in html and "Jane covers Parliament." in html
    assert 'href="https://example.org/jane" rel="me noopener"' in html
    assert reverse("feeds:author", kwargs={"slug": "jane-doe", "fmt": "atom"}) in html
    assert html.index("Speaker re-elected") < html.index("Budget vote tonight")
    assert "Someone else" not in html
    assert '<meta name="description" content="Jane covers Parliament.">' in html
    assert "public" in response["Cache-Control"]


def test_author_page_lets_feed_readers_discover_the_authors_own_feeds(client, jane):
    html = client.get(reverse("authors:detail", kwargs={"slug": "jane-doe"})).content.decode()
    for fmt, kind, name in (
        ("rss", "application/rss+xml", "RSS"),
        ("atom", "application/atom+xml", "Atom"),
        ("json", "application/feed+json", "JSON Feed"),
    ):
        href = reverse("feeds:author", kwargs={"slug": "jane-doe", "fmt": fmt})
        assert (
            f'<link rel="alternate" type="{kind}" title="Jane Doe ({name})" href="{href}">' in html
        )
        assert client.get(href).status_code == 200


def test_author_page_is_paginated(client, section, settings):
    settings.NEWSDESK_PAGE_SIZE = 2
    jane = author_factory(name="Jane Doe")
    for n in range(3):
        article_factory(section=section, title=f"Story {n}", authors=[jane], hours_ago=n + 1)
    url = reverse("authors:detail", kwargs={"slug": "jane-doe"})
    first, second = client.get(url), client.get(url + "?page=2")
    assert "Story 0" in first.content.decode() and "Story 2" not in first.content.decode()
    assert "Story 2" in second.content.decode()


def test_unknown_author_is_not_found(client, home_page):
    assert client.get(reverse("authors:detail", kwargs={"slug": "nobody"})).status_code == 404


def test_article_byline_links_its_authors_in_order(client, section):
    jane, john = author_factory(name="Jane Doe"), author_factory(name="John Roe")
    article = article_factory(section=section, authors=[john, jane], agency="AFP")
    html = client.get(article.url).content.decode()
    assert (
        'By <a href="/authors/john-roe/" rel="author">John Roe</a> and '
        '<a href="/authors/jane-doe/" rel="author">Jane Doe</a>, AFP'
    ) in html


def test_free_text_byline_still_shows_without_authors(client, section):
    article = article_factory(section=section, byline="A Stringer", agency="Reuters")
    html = client.get(article.url).content.decode()
    assert '<span class="story__byline">A Stringer, Reuters</span>' in html


def test_author_feed_lists_only_their_stories(client, jane):
    response = client.get(reverse("feeds:author", kwargs={"slug": "jane-doe", "fmt": "atom"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<entry>") == 2
    assert "<name>Jane Doe</name>" in body
    assert "Someone else" not in body
    missing = client.get(reverse("feeds:author", kwargs={"slug": "nobody", "fmt": "rss"}))
    assert missing.status_code == 404
