import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_demo_leads_with_todays_news_and_keeps_the_reference_story(client):
    demo_load()
    assert ArticlePage.objects.live().count() >= 15
    home = client.get("/").content.decode()
    lead = home.split("card--lead")[1][:1500]
    assert "Orange level 6 warning" in lead  # the newest story, an hour old
    assert "Japan, US to modernise military alliance" not in lead
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
    assert "No stories yet" not in sport  # three top stories are a front page
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


def test_demo_has_a_video_and_a_conversation_going(client):
    from newsdesk.discussions.models import Comment

    demo_load()
    multimedia = client.get("/multimedia/").content.decode()
    assert "No video yet" not in multimedia and "Watch: the open film" in multimedia
    video = ArticlePage.objects.get(title__startswith="Watch:")
    assert "youtube-nocookie.com/embed/" in client.get(video.url).content.decode()
    lead = ArticlePage.objects.get(title__startswith="Orange level 6 warning")
    thread = client.get(f"/comments/{lead.pk}/").content.decode()
    assert "Power is back on in Pinetown" in thread and "Lindiwe Khumalo" in thread
    assert Comment.objects.filter(article_id=lead.pk, parent__isnull=False).count() >= 3
