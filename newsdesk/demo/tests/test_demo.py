"""The demo, built once for this module (it takes seconds) and rolled back after it."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings

from newsdesk.articles.models import ArticlePage
from newsdesk.contributions.models import PublishedContribution, Submission
from newsdesk.contributions.selectors import Status, submission_status
from newsdesk.demo.services import demo_load
from newsdesk.discussions.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """One demo for every test here: loaded inside a transaction that is rolled back at
    the end, so each test's own transaction (a savepoint) leaves it as it found it."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def isolated_media(demo):
    """The demo's pictures stay where the module's demo put them (overrides conftest's)."""


def test_demo_leads_with_todays_news_and_keeps_the_reference_story(client):
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
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("load_demo")


def test_demo_builds_a_sport_site_with_its_own_brand_sections_and_stories(client):
    sport = client.get("/", HTTP_HOST="sport.localhost").content.decode()
    assert "newsdesk Sport" in sport
    assert "Springboks name two uncapped forwards" in sport
    assert "No stories yet" not in sport  # three top stories are a front page
    for path in ("/rugby/", "/cricket/", "/football/"):
        assert client.get(path, HTTP_HOST="sport.localhost").status_code == 200, path
    news = client.get("/", HTTP_HOST="news.localhost").content.decode()
    assert "Springboks name two uncapped forwards" not in news


def test_demo_reader_profile_shows_on_both_sites(client):
    for host in ("news.localhost", "sport.localhost", "127.0.0.1"):
        response = client.get("/people/thandi/", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert "Thandi Mokoena" in response.content.decode()
    assert client.login(username="thandi@example.com", password="newsdesk-demo")


def test_demo_fills_user_galleries_and_the_community_section(client):
    statuses = sorted(submission_status(submission=s).code for s in Submission.objects.all())
    assert statuses.count(Status.PUBLISHED) == 5
    assert Status.IN_REVIEW in statuses and Status.DECLINED in statuses
    gallery = client.get("/galleries/readers/").content.decode()
    assert gallery.count('<li id="photo-') == 6
    story = PublishedContribution.objects.exclude(article=None).get().article
    assert story.get_parent().slug == "mynews"
    assert "Lindiwe Khumalo" in client.get(story.url).content.decode()
    assert client.get("/mynews/").status_code == 200


def test_demo_authors_have_bios_and_their_bylines_link_to_them(client):
    from newsdesk.authors.models import Author

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


def test_demo_has_a_video_and_a_conversation_going(client):
    from newsdesk.discussions.models import Comment

    multimedia = client.get("/multimedia/").content.decode()
    assert "No video yet" not in multimedia and "Watch: the open film" in multimedia
    video = ArticlePage.objects.get(title__startswith="Watch:")
    assert "youtube-nocookie.com/embed/" in client.get(video.url).content.decode()
    lead = ArticlePage.objects.get(title__startswith="Orange level 6 warning")
    thread = client.get(f"/comments/{lead.pk}/").content.decode()
    assert "Power is back on in Pinetown" in thread and "Lindiwe Khumalo" in thread
    assert Comment.objects.filter(article_id=lead.pk, parent__isnull=False).count() >= 3


def test_demo_builds_the_afrikaans_nuus_site_in_its_own_locale(client):
    nuus = client.get("/", HTTP_HOST="nuus.localhost")
    html = nuus.content.decode()
    assert '<html lang="af">' in html
    assert "Die nuus wat saak maak" in html
    assert "Eskom staak beurtkrag" in html
    assert (
        "Eskom staak beurtkrag" not in client.get("/", HTTP_HOST="news.localhost").content.decode()
    )
    for path in ("/nuus/", "/sake/", "/sport/", "/wereld/"):
        assert client.get(path, HTTP_HOST="nuus.localhost").status_code == 200, path
    stories = ArticlePage.objects.filter(locale__language_code="af")
    assert stories.live().count() >= 6
    assert not ArticlePage.objects.filter(locale__language_code="en", title__contains="Reën")


def test_demo_links_a_nuus_story_to_its_news_original_both_ways(client):
    afrikaans = ArticlePage.objects.get(title__startswith="Eskom staak beurtkrag")
    english = afrikaans.get_translation(afrikaans.locale.get_default())
    assert english.title.startswith("Eskom suspends load shedding")
    page = client.get(afrikaans.url, HTTP_HOST="nuus.localhost").content.decode()
    assert f'hreflang="en" href="{english.full_url}"' in page
    back = client.get(english.url, HTTP_HOST="news.localhost").content.decode()
    assert f'hreflang="af" href="{afrikaans.full_url}"' in back
    # Its readers are the network's: Thandi of News comments here too.
    authors = Comment.objects.filter(article_id=afrikaans.pk).values_list(
        "author__username", flat=True
    )
    assert "thandi" in set(authors)
