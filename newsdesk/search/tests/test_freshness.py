"""A published story is findable at once, through the page cache (issue #12, item 5)."""

import pytest

from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_tasks_never_run(settings):
    # Wagtail's own index update is a queued task; here the worker never gets to it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_a_story_is_found_right_after_publish_even_if_the_search_page_was_cached(
    client, section, settings, index_tasks_never_run
):
    settings.NEWSDESK_PAGE_CACHE = True
    before = client.get("/search/", {"q": "desalination"})
    assert b"Desalination plant opens" not in before.content
    assert client.get("/search/", {"q": "desalination"})["X-Page-Cache"] == "hit"
    article_factory(section=section, title="Desalination plant opens")
    after = client.get("/search/", {"q": "desalination"})
    assert after["X-Page-Cache"] == "miss"
    assert b"Desalination plant opens" in after.content


def test_an_unpublished_story_leaves_cached_search_results(client, section, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    story = article_factory(section=section, title="Pulled harbour report")
    assert b"Pulled harbour report" in client.get("/search/", {"q": "harbour"}).content
    type(story).objects.get(pk=story.pk).unpublish()
    assert b"Pulled harbour report" not in client.get("/search/", {"q": "harbour"}).content
