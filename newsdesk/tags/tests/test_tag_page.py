import pytest

from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db


def test_tag_page_lists_tagged_stories_newest_first(client, section):
    article_factory(section=section, title="Older story", tags=["japan"], hours_ago=10)
    article_factory(section=section, title="Newer story", tags=["japan"], hours_ago=1)
    article_factory(section=section, title="Untagged story", hours_ago=2)
    html = client.get("/tags/japan/").content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert "Untagged story" not in html


def test_tag_page_is_paginated(client, section, settings):
    settings.NEWSDESK_PAGE_SIZE = 2
    for n in range(5):
        article_factory(section=section, title=f"Story {n}", tags=["rugby"], hours_ago=n + 1)
    first = client.get("/tags/rugby/").content.decode()
    third = client.get("/tags/rugby/?page=3").content.decode()
    assert "Page 1 of 3" in first and "Story 0" in first and "Story 4" not in first
    assert "Story 4" in third


def test_unknown_tag_is_404(client, home_page):
    assert client.get("/tags/nothing-here/").status_code == 404


def test_drafts_are_not_listed_on_tag_pages(client, section):
    article_factory(section=section, title="Draft story", tags=["japan"], publish=False)
    assert "Draft story" not in client.get("/tags/japan/").content.decode()


def test_a_tag_used_only_on_drafts_is_404(client, section):
    """Security row 15: the page would confirm the tag (and its name) before publication."""
    article_factory(section=section, title="Embargoed story", tags=["merger-talks"], publish=False)
    assert client.get("/tags/merger-talks/").status_code == 404
    assert client.get("/feeds/tag/merger-talks/rss/").status_code == 404


def test_a_tag_used_only_on_another_sites_stories_is_404_here(client, section):
    from newsdesk.sections.tests.factories import SectionPageFactory, news_site

    sport_home = news_site(hostname="sport.localhost", default=False).root_page
    rugby = SectionPageFactory(parent=sport_home, title="Rugby", slug="rugby")
    article_factory(section=rugby, title="Scrum story", tags=["scrums"])
    assert client.get("/tags/scrums/", HTTP_HOST="sport.localhost").status_code == 200
    assert client.get("/tags/scrums/").status_code == 404


def test_a_tag_page_answers_200_once_a_tagged_story_is_published(client, section):
    draft = article_factory(section=section, title="Soon out", tags=["launch"], publish=False)
    assert client.get("/tags/launch/").status_code == 404
    draft.get_latest_revision().publish()
    assert client.get("/tags/launch/").status_code == 200
