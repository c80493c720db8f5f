import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, ArticleTag
from newsdesk.scale.services import NO_SECTIONS, articles_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(home_page, section):
    from newsdesk.sections.tests.factories import SectionPageFactory

    SectionPageFactory(parent=home_page, title="Sport", slug="sport")
    return home_page


def test_generated_articles_are_live_tagged_illustrated_and_in_a_sound_tree(newsroom, client):
    summary = articles_generate(count=40, images=2)
    articles = ArticlePage.objects.filter(source_id__startswith="generated:")
    assert summary.articles == 40 == articles.count()
    assert all(a.live and a.first_published_at and a.lead_image_id for a in articles)
    assert ArticleTag.objects.filter(content_object__in=articles).count() >= 80
    assert Page.find_problems() == ([], [], [], [], [])
    story = articles.order_by("-first_published_at").first()
    response = client.get(story.url)
    assert response.status_code == 200 and story.title in response.content.decode()
    assert "Read more on:" in response.content.decode()


def test_generating_twice_appends_after_existing_children(newsroom):
    articles_generate(count=5, images=1)
    articles_generate(count=5, images=1)
    assert ArticlePage.objects.count() == 10
    assert Page.find_problems() == ([], [], [], [], [])


def test_command_reports_what_it_added(newsroom, capsys):
    call_command("generate_content", "--articles", "3", "--images", "1")
    assert "Added 3 articles" in capsys.readouterr().out


def test_command_without_sections_says_what_to_do(db):
    with pytest.raises(CommandError, match=NO_SECTIONS):
        call_command("generate_content", "--articles", "3")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def _served_outside_the_page_tree(path: str) -> bool:
    try:
        return resolve(path).url_name != "wagtail_serve"
    except Resolver404:
        return False


CONSTANT_PAGES = {
    "home": "/",
    "section": "/world/",
    "section page 2": "/world/?page=2",
    "tag": "/tags/energy/",
    "profile": "/people/reader/",
    "site feed": "/feeds/rss/",
    "section feed": "/feeds/section/world/rss/",
    "tag feed": "/feeds/tag/energy/rss/",
}


@pytest.mark.parametrize("name", [*CONSTANT_PAGES, "article"])
def test_pages_cost_the_same_queries_with_10_or_400_articles(
    newsroom, client, name, django_user_model
):
    from newsdesk.profiles.models import Profile

    user = django_user_model.objects.create_user(username="reader", password="x" * 12)
    Profile.objects.create(user=user, username="reader", username_key="reader")
    if name.endswith("feed"):
        # A feed that fell through to Wagtail's page tree is a missing route: fail.
        assert _served_outside_the_page_tree(CONSTANT_PAGES[name]), CONSTANT_PAGES[name]

    def url():
        if name == "article":
            return ArticlePage.objects.order_by("-first_published_at").first().url
        return CONSTANT_PAGES[name]

    articles_generate(count=45, images=2)
    client.get(url())  # renditions made and caches warmed once
    few = _queries(client, url())
    articles_generate(count=400, images=2)
    client.get(url())
    assert _queries(client, url()) == few
