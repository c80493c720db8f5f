from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from newsdesk.analytics.models import MostReadEntry, ReadEvent
from newsdesk.analytics.services import NOT_A_STORY, most_read_rebuild
from newsdesk.analytics.views import BAD_BEACON
from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db


def test_beacon_counts_a_read_and_is_never_cached(client, section):
    article = article_factory(section=section)
    response = client.post("/analytics/read/", {"page": article.pk})
    assert response.status_code == 204
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    assert ReadEvent.objects.get().article_id == article.pk


def test_beacon_accepts_a_plain_text_body(client, section):
    article = article_factory(section=section)
    response = client.post("/analytics/read/", f"page={article.pk}", content_type="text/plain")
    assert response.status_code == 204


@pytest.mark.parametrize("value", ["", "abc", "-1", "9" * 40, "1 OR 1=1"])
def test_beacon_refuses_garbage_and_counts_nothing(client, section, value):
    response = client.post("/analytics/read/", {"page": value})
    assert response.status_code == 400
    assert response.content.decode() == BAD_BEACON
    assert not ReadEvent.objects.exists()


def test_beacon_refuses_drafts(client, section):
    draft = article_factory(section=section, publish=False)
    response = client.post("/analytics/read/", {"page": draft.pk})
    assert response.status_code == 400 and response.content.decode() == NOT_A_STORY


def test_beacon_refuses_get(client):
    assert client.get("/analytics/read/").status_code == 405


def test_most_read_ranks_the_last_24_hours_only(section):
    site = Site.objects.get(is_default_site=True)
    popular = article_factory(section=section, title="Popular")
    quiet = article_factory(section=section, title="Quiet")
    stale = article_factory(section=section, title="Was popular")
    now = timezone.now()
    rows = [(popular, 1)] * 3 + [(quiet, 1)] + [(stale, 30)] * 5
    ReadEvent.objects.bulk_create(
        ReadEvent(article=a, site=site, read_at=now - timedelta(hours=h)) for a, h in rows
    )
    entries = most_read_rebuild(site=site, now=now)
    assert [(e.article_id, e.reads) for e in entries] == [(popular.pk, 3), (quiet.pk, 1)]
    assert MostReadEntry.objects.count() == 2


def test_rebuild_drops_events_older_than_two_days(section):
    site = Site.objects.get(is_default_site=True)
    article = article_factory(section=section)
    now = timezone.now()
    ReadEvent.objects.create(article=article, site=site, read_at=now - timedelta(hours=49))
    most_read_rebuild(site=site, now=now)
    assert not ReadEvent.objects.exists()


def test_scheduler_command_queues_the_rebuild_and_the_page_shows_the_list(client, section):
    popular = article_factory(section=section, title="Popular story")
    reader = article_factory(section=section, title="Reader")
    for _ in range(2):
        client.post("/analytics/read/", {"page": popular.pk})
    call_command("refresh_most_read")  # the task runs at once in tests
    html = client.get(reader.url).content.decode()
    assert "Most read" in html
    most_read = html[html.index("Most read") :]
    assert "Popular story" in most_read


def test_article_page_carries_the_beacon_script_and_no_inline_js(client, section):
    article = article_factory(section=section)
    html = client.get(article.url).content.decode()
    assert 'src="/static/js/analytics.js"' in html
    assert f'data-page-id="{article.pk}"' in html
    assert 'data-beacon-url="/analytics/read/"' in html


def test_most_read_list_costs_the_same_whatever_its_length(client, section):
    site = Site.objects.get(is_default_site=True)
    reader = article_factory(section=section, title="Reader")
    articles = [article_factory(section=section, title=f"S{n}") for n in range(5)]
    ReadEvent.objects.create(article=articles[0], site=site, read_at=timezone.now())
    most_read_rebuild(site=site)
    from django.core.cache import cache

    def queries():
        cache.clear()
        client.get(reader.url)
        with CaptureQueriesContext(connection) as ctx:
            cache.delete(f"newsdesk:most-read:{site.pk}")
            client.get(reader.url)
        return len(ctx.captured_queries)

    small = queries()
    ReadEvent.objects.bulk_create(
        ReadEvent(article=a, site=site, read_at=timezone.now()) for a in articles
    )
    most_read_rebuild(site=site)
    assert queries() == small
