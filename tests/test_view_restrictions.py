"""Security row 4: a view-restricted (password) story reaches no reader anywhere.

An editor's password (or sign-in, or group) restriction on a story, or on its section,
keeps the story's title, text and comments off every public surface: search, the
comment endpoints, feeds, the API, sitemaps, tag pages, most read, related stories and
``/live/latest.json``. One test per surface, each with a public story beside the
restricted one, so a surface that shows nothing at all cannot pass.
"""

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from newsdesk.analytics.models import MostReadEntry
from newsdesk.analytics.selectors import most_read_for_site
from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import Comment
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}
PUBLIC_TITLE = "Harbour reopens after the storm"
SECRET_TITLE = "Confidential merger talks"


def _restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )


@pytest.fixture
def stories(section):
    public = article_factory(
        section=section,
        title=PUBLIC_TITLE,
        tags=["ports"],
        body_text="Harbour quay news.",
        hours_ago=2,
    )
    secret = article_factory(
        section=section,
        title=SECRET_TITLE,
        tags=["ports"],
        body_text="Harbour quay secrets.",
        hours_ago=1,
    )
    _restrict(secret)
    cache.clear()
    return public, secret


def test_search_finds_the_public_story_and_not_the_restricted_one(client, stories):
    html = client.get("/search/", {"q": "harbour quay"}).content.decode()
    assert PUBLIC_TITLE in html
    assert SECRET_TITLE not in html and "secrets" not in html


def test_search_leaves_out_stories_of_a_restricted_section(client, home_page, stories):
    from newsdesk.sections.tests.factories import SectionPageFactory

    members = SectionPageFactory(parent=home_page, title="Members", slug="members")
    article_factory(section=members, title="Members only harbour quay", body_text="Quay.")
    _restrict(members)
    html = client.get("/search/", {"q": "harbour quay"}).content.decode()
    assert PUBLIC_TITLE in html and "Members only" not in html
    assert 'value="members"' not in html  # nor offered as a section to search in


@pytest.mark.parametrize(
    "path", ["/comments/{id}/", "/comments/{id}/thread/", "/comments/{id}/me.json"]
)
def test_comment_reads_of_a_restricted_story_are_404(client, stories, path):
    public, secret = stories
    comment_factory(article=secret, author=reader_factory(), body="Inside knowledge")
    client.force_login(reader_factory())
    assert client.get(path.format(id=public.pk)).status_code == 200
    response = client.get(path.format(id=secret.pk))
    assert response.status_code == 404
    assert SECRET_TITLE not in response.content.decode()


def test_posting_on_a_restricted_story_is_404_and_stores_nothing(client, stories):
    public, secret = stories
    client.force_login(reader_factory())
    assert client.post(f"/comments/{public.pk}/post/", {"body": "Fine."}, **JSON).status_code == 201
    response = client.post(f"/comments/{secret.pk}/post/", {"body": "Let me in."}, **JSON)
    assert response.status_code == 404
    assert not Comment.objects.filter(article_id=secret.pk).exists()


def test_editing_or_reporting_a_comment_on_a_restricted_story_is_404(client, stories):
    _, secret = stories
    reader = reader_factory()
    mine = comment_factory(article=secret, author=reader, body="Before the lock.")
    theirs = comment_factory(article=secret, author=reader_factory(), body="Inside knowledge")
    client.force_login(reader)
    assert client.get(f"/comments/c/{mine.pk}/edit/").status_code == 404
    assert client.post(f"/comments/c/{mine.pk}/edit/", {"body": "Changed"}).status_code == 404
    report = client.get(f"/comments/c/{theirs.pk}/report/")
    assert report.status_code == 404 and "Inside knowledge" not in report.content.decode()
    assert client.post(f"/comments/c/{theirs.pk}/report/", {"reason": "spam"}).status_code == 404
    mine.refresh_from_db()
    assert mine.body == "Before the lock." and not theirs.reports.exists()


@pytest.mark.parametrize(
    "path", ["/feeds/rss/", "/feeds/json/", "/feeds/section/world/atom/", "/feeds/tag/ports/rss/"]
)
def test_feeds_leave_out_the_restricted_story(client, stories, path):
    body = client.get(path).content.decode()
    assert PUBLIC_TITLE in body and SECRET_TITLE not in body


def test_the_api_lists_and_serves_only_the_public_story(client, stories):
    public, secret = stories
    listing = client.get("/api/articles/").content.decode()
    assert PUBLIC_TITLE in listing and SECRET_TITLE not in listing
    assert client.get(f"/api/articles/{public.pk}/").status_code == 200
    assert client.get(f"/api/articles/{secret.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/sitemap.xml", "/news-sitemap.xml"])
def test_sitemaps_leave_out_the_restricted_story(client, stories, path):
    public, secret = stories
    body = client.get(path).content.decode()
    assert public.slug in body and secret.slug not in body


def test_the_tag_page_leaves_out_the_restricted_story(client, stories):
    html = client.get("/tags/ports/").content.decode()
    assert PUBLIC_TITLE in html and SECRET_TITLE not in html


def test_most_read_leaves_out_the_restricted_story(rf, stories):
    public, secret = stories
    site = Site.objects.get(is_default_site=True)
    now = timezone.now()
    MostReadEntry.objects.create(site=site, article=secret, rank=1, reads=300, computed_at=now)
    MostReadEntry.objects.create(site=site, article=public, rank=2, reads=10, computed_at=now)
    titles = [item["title"] for item in most_read_for_site(site=site, request=rf.get("/"))]
    assert titles == [PUBLIC_TITLE]


def test_related_stories_leave_out_the_restricted_story(client, section, stories):
    third = article_factory(section=section, title="Port traffic doubles", tags=["ports"])
    html = client.get(third.url).content.decode()
    assert PUBLIC_TITLE in html and SECRET_TITLE not in html


def test_live_latest_names_the_newest_public_story(client, stories):
    public, _ = stories
    site = Site.objects.get(is_default_site=True)
    story = client.get("/live/latest.json").json()["sites"][str(site.pk)]["story"]
    assert story["id"] == public.pk and story["title"] == PUBLIC_TITLE


@pytest.mark.parametrize("path", ["/feeds/contributions/rss/", "/people/thandi/"])
def test_a_reader_story_whose_article_is_restricted_leaves_the_feed_and_profile(
    client, home_page, path
):
    from newsdesk.contributions.models import PublishedContribution
    from newsdesk.contributions.tests.factories import (
        approve,
        editor,
        reader,
        sent_pictures,
        sent_story,
    )

    thandi = reader()
    approve(sent_story(thandi, title="Flood in Hammarsdale"), editor())
    approve(sent_pictures(thandi, title="Storm over the bay"), editor("ed2"))
    story = PublishedContribution.objects.get(article__isnull=False)
    assert "Flood in Hammarsdale" in client.get(path).content.decode()
    _restrict(story.article)
    cache.clear()
    body = client.get(path).content.decode()
    assert "Storm over the bay" in body and "Flood in Hammarsdale" not in body


# Where ``.live()`` alone is right: the menu names a section, and a restricted section
# asks for its password when followed; nothing of its stories shows.
LIVE_WITHOUT_PUBLIC_ALLOWED = {"newsdesk/network/selectors.py"}
READER_FACING = ("selectors.py", "api.py", "feeds.py", "views.py")


def test_every_reader_facing_page_query_also_applies_view_restrictions():
    """A new selector that lists pages with ``.live()`` but not ``.public()`` fails here."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    live_alone = re.compile(r"\.live\(\)(?!\s*\.public\(\))")
    offenders = []
    for path in sorted((root / "newsdesk").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if path.name not in READER_FACING or "/tests/" in relative:
            continue
        if relative in LIVE_WITHOUT_PUBLIC_ALLOWED:
            continue
        offenders += [relative for _ in live_alone.finditer(path.read_text())]
    assert offenders == []


# --- The "any restrictions?" flag (newsdesk.core.view_restrictions) ----------------------


def test_a_restriction_added_after_a_render_applies_at_once(client, section):
    from newsdesk.core.view_restrictions import page_view_restrictions_exist

    secret = article_factory(
        section=section, title=SECRET_TITLE, tags=["ports"], body_text="Harbour quay secrets."
    )
    neighbour = article_factory(section=section, title=PUBLIC_TITLE, tags=["ports"])
    assert "secrets" in client.get(secret.url).content.decode()
    assert SECRET_TITLE in client.get(neighbour.url).content.decode()  # a related story
    assert SECRET_TITLE in client.get(section.url).content.decode()
    assert page_view_restrictions_exist() is False  # stored: the checks are skipped now

    _restrict(secret)  # no cache.clear(): saving the restriction must be enough

    response = client.get(secret.url)
    assert "secrets" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert SECRET_TITLE not in client.get(neighbour.url).content.decode()
    assert SECRET_TITLE not in client.get(section.url).content.decode()


def test_a_count_taken_before_the_commit_cannot_hide_a_new_restriction(
    section, django_capture_on_commit_callbacks
):
    from newsdesk.core.view_restrictions import FLAG_KEY, page_view_restrictions_exist

    story = article_factory(section=section)
    with django_capture_on_commit_callbacks(execute=True):
        _restrict(story)
        # Another process counted before this transaction committed, and stored it.
        cache.set(FLAG_KEY, False)
    assert page_view_restrictions_exist() is True


def test_without_restrictions_a_story_render_reads_no_restriction(client, section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story = article_factory(section=section, title=PUBLIC_TITLE, tags=["ports"])
    article_factory(section=section, tags=["ports"])  # a related story, listed with .public()
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200
    assert not [q for q in queries if "pageviewrestriction" in q["sql"]]


def test_a_restriction_anywhere_brings_the_checks_back(client, section, home_page):
    from newsdesk.sections.tests.factories import SectionPageFactory

    story = article_factory(section=section, title=PUBLIC_TITLE)
    elsewhere = SectionPageFactory(parent=home_page, title="Members", slug="members")
    _restrict(elsewhere)
    response = client.get(story.url)
    assert response.status_code == 200 and PUBLIC_TITLE in response.content.decode()
    assert client.get(elsewhere.url).status_code == 200  # the password form
    assert "no-cache" in client.get(elsewhere.url)["Cache-Control"]
