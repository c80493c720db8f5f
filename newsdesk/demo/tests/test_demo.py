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


def test_demo_builds_a_sport_site_with_its_own_brand_sections_and_stories(client):
    demo_load()
    sport = client.get("/", HTTP_HOST="sport.localhost").content.decode()
    assert "newsdesk Sport" in sport
    assert "Springboks name two uncapped forwards" in sport
    for path in ("/rugby/", "/cricket/", "/football/"):
        assert client.get(path, HTTP_HOST="sport.localhost").status_code == 200, path
    news = client.get("/", HTTP_HOST="news.localhost").content.decode()
    assert "Springboks name two uncapped forwards" not in news


def test_demo_reader_profile_shows_on_both_sites(client):
    demo_load()
    for host in ("news.localhost", "sport.localhost", "127.0.0.1"):
        response = client.get("/people/thandi/", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert "Thandi Mokoena" in response.content.decode()
    assert client.login(username="thandi@example.com", password="newsdesk-demo")


def test_demo_authors_have_bios_and_their_bylines_link_to_them(client):
    from newsdesk.authors.models import Author

    demo_load()
    authors = list(Author.objects.all())
    assert len(authors) >= 3 and all(author.bio for author in authors)
    linked = ArticlePage.objects.live().filter(article_authors__isnull=False).distinct()
    assert linked.count() >= len(authors)
    from wagtail.models import Site

    news = Site.objects.get(is_default_site=True).root_page
    story = linked.descendant_of(news).first()
    author = story.authors[0]
    assert (
        f'href="{author.get_absolute_url()}" rel="author"' in client.get(story.url).content.decode()
    )
    page = client.get(author.get_absolute_url()).content.decode()
    assert author.bio in page and story.title in page
