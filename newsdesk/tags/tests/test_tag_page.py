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
