"""The live blog's page, its single-entry pages, its polling document and its listings."""

import json
import re

import pytest
from django.test import Client

from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.liveblogs import services
from newsdesk.liveblogs.tests.factories import entry_factory, text

pytestmark = pytest.mark.django_db
HOST = "localhost"


def _get(path: str, **headers):
    return Client().get(path, HTTP_HOST=HOST, **headers)


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _entries_url(blog, since: int = 0) -> str:
    return f"/live/blogs/{blog.pk}/entries.json?since={since}"


def test_the_page_shows_every_entry_without_javascript(blog):
    entries = [entry_factory(blog=blog, body_text=f"Update number {n}") for n in range(12)]
    html = _get(blog.url).content.decode()
    for entry in entries:
        assert f'id="entry-{entry.pk}"' in html
    # Newest first.
    assert html.index("Update number 11") < html.index("Update number 0")


def test_key_events_make_the_summary_and_pinned_entries_lead(blog):
    key = entry_factory(blog=blog, title="Polls close", is_key_event=True)
    pinned = entry_factory(blog=blog, body_text="Welcome to our coverage", is_pinned=True)
    entry_factory(blog=blog, body_text="Later news")
    html = _get(blog.url).content.decode()
    summary = html[html.index('class="liveblog__key"') : html.index("</section>")]
    assert f'href="{blog.url}#entry-{key.pk}"' in summary and "Polls close" in summary
    pinned_box = html[html.index('class="liveblog__pinned"') :]
    assert pinned_box.index("Welcome to our coverage") < pinned_box.index("Later news")
    assert html.count(f'id="entry-{pinned.pk}"') == 1  # the pinned copy has no id


def test_an_edited_entry_says_when(blog, editor):
    entry = entry_factory(blog=blog)
    services.entry_update(entry=entry, user=editor, body=text("Now corrected"))
    assert "Updated " in _get(blog.url).content.decode()


def test_json_ld_is_a_live_blog_posting_with_its_updates(blog):
    entry_factory(blog=blog, title="Polls close", body_text="Counting begins.")
    data = _json_ld(_get(blog.url).content.decode())
    assert [d["@type"] for d in data] == ["LiveBlogPosting"]
    posting = data[0]
    assert posting["headline"] == blog.title
    assert "coverageStartTime" in posting and "coverageEndTime" not in posting
    update = posting["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting"
    assert update["headline"] == "Polls close"
    assert update["articleBody"] == "Counting begins."
    assert update["datePublished"]


def test_json_ld_lists_the_blogs_corrections_as_the_page_does(blog):
    from newsdesk.articles.models import ArticleCorrection

    blog.corrections.add(ArticleCorrection(text="An earlier update gave the wrong count."))
    blog.save_revision().publish()
    html = _get(blog.url).content.decode()
    assert "An earlier update gave the wrong count." in html
    [posting] = _json_ld(html)
    assert posting["@type"] == "LiveBlogPosting"
    assert [c["text"] for c in posting["correction"]] == ["An earlier update gave the wrong count."]


def test_the_entry_page_builds_no_news_article_it_would_throw_away(blog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    entry = entry_factory(blog=blog)
    with CaptureQueriesContext(connection) as queries:
        assert _get(f"{blog.url}entry/{entry.pk}/").status_code == 200
    # The NewsArticle JSON-LD is what reads corrections; the entry page has its own.
    assert not [q for q in queries if "articlecorrection" in q["sql"].lower()]


def test_the_entry_page_has_its_own_canonical_and_card(blog):
    entry = entry_factory(blog=blog, title="Polls close", body_text="Counting begins.")
    response = _get(f"{blog.url}entry/{entry.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    canonical = f"http://{HOST}{blog.url}entry/{entry.pk}/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Polls close | Election night: live">' in html
    assert '<meta property="og:description" content="Counting begins.">' in html
    assert [d["@type"] for d in _json_ld(html)] == ["BlogPosting"]


def test_the_entry_page_links_no_translations_of_the_blog(blog, home_page):
    from wagtail.models import Locale, Page, Site

    from newsdesk.liveblogs.tests.factories import live_blog_factory
    from newsdesk.sections.tests.factories import HomePageFactory, SectionPageFactory

    afrikaans = Locale.objects.get_or_create(language_code="af")[0]
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="nuus-home", locale=afrikaans)
    Site.objects.create(hostname="nuus.localhost", port=80, root_page=home, site_name="Nuus")
    nuus = SectionPageFactory(parent=home, title="Nuus", slug="nuus")
    live_blog_factory(section=nuus, title="Verkiesing", translation_key=blog.translation_key)
    entry = entry_factory(blog=blog)
    assert 'hreflang="af"' in _get(blog.url).content.decode()  # the blog's page links it
    html = _get(f"{blog.url}entry/{entry.pk}/").content.decode()
    assert "hreflang" not in html and "og:locale:alternate" not in html


def test_an_entry_of_another_blog_is_not_found(blog, section):
    from newsdesk.liveblogs.tests.factories import live_blog_factory

    other = live_blog_factory(section=section, title="Another")
    entry = entry_factory(blog=other)
    assert _get(f"{blog.url}entry/{entry.pk}/").status_code == 404


def test_json_carries_new_entries_html_and_an_etag(blog):
    old = entry_factory(blog=blog, body_text="Old news")
    new = entry_factory(blog=blog, body_text="Fresh news", is_key_event=True, title="Big")
    response = _get(_entries_url(blog, since=old.pk))
    assert response.status_code == 200 and response["ETag"]
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert [e["id"] for e in data["entries"]] == [new.pk]
    assert (
        f'id="entry-{new.pk}"' in data["entries"][0]["html"]
        and "Fresh news" in (data["entries"][0]["html"])
    )
    assert data["latest_id"] == new.pk and data["status"] == "live"
    assert "Big" in data["key_events_html"]
    # The same HTML as the page's (one rendering).
    assert data["entries"][0]["html"].strip() in _get(blog.url).content.decode()


def test_an_unchanged_blog_answers_304_and_a_new_entry_changes_the_etag(blog, editor):
    entry_factory(blog=blog)
    first = _get(_entries_url(blog))
    again = _get(_entries_url(blog), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    services.entry_post(blog=blog, user=editor, body=text("Another"))
    after = _get(_entries_url(blog), HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


def test_a_lost_version_is_replaced_without_reading_the_database(blog, django_assert_num_queries):
    from django.core.cache import cache

    from newsdesk.liveblogs.selectors import VERSION_KEY, live_blog_version

    entry_factory(blog=blog)
    first = _get(_entries_url(blog))
    cache.delete(VERSION_KEY.format(blog_id=blog.pk))
    with django_assert_num_queries(0):
        version = live_blog_version(blog_id=blog.pk)
    assert version == live_blog_version(blog_id=blog.pk)  # kept until the next write
    # A new token, so a reader holding the old ETag gets the document again.
    again = _get(_entries_url(blog), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_bad_since_is_a_clear_400(blog):
    response = _get(f"/live/blogs/{blog.pk}/entries.json?since=yesterday")
    assert response.status_code == 400
    assert "since" in response.json()["error"]


def test_json_of_an_unpublished_blog_is_404(blog):
    assert _get(_entries_url(blog)).status_code == 200
    blog.unpublish()
    assert _get(_entries_url(blog)).status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_page_and_json_cost_the_same_with_5_or_50_entries(blog, count, django_assert_num_queries):
    for n in range(count):
        entry_factory(blog=blog, body_text=f"Update {n}", is_key_event=n % 7 == 0)
    _get(blog.url)  # warm per-process caches (site root paths, content types)
    with django_assert_num_queries(PAGE_QUERIES):
        assert _get(blog.url).status_code == 200
    with django_assert_num_queries(JSON_QUERIES):
        assert _get(_entries_url(blog)).status_code == 200


# Measured with text entries; the same for 5 and 50 is the point.
PAGE_QUERIES = 11  # no view-restriction or locale queries while the site has no restrictions
JSON_QUERIES = 4


def test_the_feed_carries_the_entries(blog):
    entry = entry_factory(blog=blog, title="Polls close")
    response = _get(f"/live/blogs/{blog.pk}/feed/rss/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Polls close" in body and f"entry/{entry.pk}/" in body


def test_home_section_and_tag_cards_say_live_while_it_runs(blog, home_page):
    for path in ("/", blog.get_parent().url, "/tags/elections/"):
        html = _get(path).content.decode()
        assert '<span class="card__label">Live</span>' in html, path
    blog.status = blog.Status.ENDED
    blog.save_revision().publish()
    assert '<span class="card__label">' not in _get("/").content.decode()


class TestPurge:
    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.NEWSDESK_PAGE_CACHE = True

    def test_posting_refreshes_the_page_json_entry_page_and_listings(
        self, blog, editor, django_capture_on_commit_callbacks
    ):
        first = entry_factory(blog=blog, body_text="First words")
        paths = [
            blog.url,
            _entries_url(blog),
            f"{blog.url}entry/{first.pk}/",
            "/",
            blog.get_parent().url,
            "/tags/elections/",
            *(f"/live/blogs/{blog.pk}/feed/{fmt}/" for fmt in ("rss", "atom", "json")),
        ]
        for path in paths:
            _get(path)
            assert _get(path)[PAGE_CACHE_HEADER] == "hit", path
        with django_capture_on_commit_callbacks(execute=True):
            services.entry_update(entry=first, user=editor, body=text("Second thoughts"))
        for path in paths:
            assert _get(path)[PAGE_CACHE_HEADER] != "hit", path
        assert "Second thoughts" in _get(blog.url).content.decode()
        assert "Second thoughts" in _get(f"{blog.url}entry/{first.pk}/").content.decode()
        assert "Second thoughts" in _get(f"/live/blogs/{blog.pk}/feed/rss/").content.decode()

    def test_a_polling_reader_gets_304_from_the_page_cache(self, blog):
        entry_factory(blog=blog)
        first = _get(_entries_url(blog))
        again = _get(_entries_url(blog), HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again[PAGE_CACHE_HEADER] == "hit"
