import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_demo_builds_a_news_site_with_the_reference_story_on_top(client):
    demo_load()
    assert ArticlePage.objects.live().count() >= 15
    home = client.get("/").content.decode()
    assert "Japan, US to modernise military alliance" in home
    seed = ArticlePage.objects.get(title="Japan, US to modernise military alliance")
    page = client.get(seed.url).content.decode()
    assert "Wojtek Radwanski, AFP" in page and "Political sustainability" in page
    for path in ("/world/", "/tags/japan/", "/galleries/", "/galleries/the-week-in-pictures/"):
        assert client.get(path).status_code == 200, path


def test_demo_loads_only_into_an_empty_database(db):
    demo_load()
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="already holds articles"):
        call_command("load_demo")
