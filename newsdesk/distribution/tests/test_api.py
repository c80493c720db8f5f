"""The read API: behaviour, and Schemathesis fuzzing against its own OpenAPI schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from newsdesk.articles.models import ArticleCorrection, ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(section):
    image = CustomImageFactory()
    first = article_factory(
        section=section,
        title="Harbour reopens",
        tags=["ports", "durban"],
        lead_image=image,
        byline="Zoë Pillay",
        summary="Ships are back.",
    )
    second = article_factory(section=section, title="Storm warning", tags=["weather"])
    draft = article_factory(section=section, title="Draft", publish=False)
    return first, second, draft


def test_schema_is_openapi_with_every_resource(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/articles/",
        "/api/articles/{article_id}/",
        "/api/sections/",
        "/api/tags/",
        "/api/galleries/",
        "/api/galleries/{gallery_id}/",
    } <= set(schema["paths"])


def test_article_list_is_published_newest_first_with_filters(client, stories):
    first, _second, _draft = stories
    data = client.get("/api/articles/").json()
    assert data["count"] == 2
    assert [a["headline"] for a in data["items"]] == ["Storm warning", "Harbour reopens"]
    item = data["items"][1]
    assert item["url"] == f"http://localhost{first.url}" and item["section"] == "World"
    assert [t["slug"] for t in item["tags"]] == ["ports", "durban"]
    assert item["image"]["url"].startswith("http://localhost/") and item["byline"] == "Zoë Pillay"
    by_tag = client.get("/api/articles/", {"tag": "weather"}).json()
    assert [a["headline"] for a in by_tag["items"]] == ["Storm warning"]
    assert client.get("/api/articles/", {"section": "nope"}).json()["count"] == 0


def test_article_detail_has_body_and_corrections_and_drafts_are_404(client, stories):
    first, _, draft = stories
    article = ArticlePage.objects.get(pk=first.pk)
    article.corrections.add(ArticleCorrection(text="Fixed a name."))
    article.save_revision().publish()
    data = client.get(f"/api/articles/{first.pk}/").json()
    assert "The first paragraph of the story." in data["body_html"]
    assert data["corrections"][0]["text"] == "Fixed a name."
    assert client.get(f"/api/articles/{draft.pk}/").status_code == 404


def test_sections_and_tags(client, stories):
    assert [s["slug"] for s in client.get("/api/sections/").json()] == ["world"]
    tags = client.get("/api/tags/").json()
    assert [t["slug"] for t in tags["items"]] == ["durban", "ports", "weather"]


def test_api_responses_are_cacheable(client, stories):
    assert "public" in client.get("/api/articles/")["Cache-Control"]


def test_api_cost_does_not_grow_with_articles(client, section, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article_factory(section=section, tags=["a"], lead_image=CustomImageFactory())
    client.get("/api/articles/")
    with CaptureQueriesContext(connection) as small:
        client.get("/api/articles/")
    for n in range(4):
        article_factory(
            section=section, title=f"S{n}", tags=["b", "c"], lead_image=CustomImageFactory()
        )
    client.get("/api/articles/")  # renditions made once, as on a live site
    with CaptureQueriesContext(connection) as large:
        client.get("/api/articles/")
    assert len(large.captured_queries) == len(small.captured_queries)


# The schema view needs no database, so the schema loads at collection; the cases run
# against the WSGI app in each test's transaction, with the stories fixture in place.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """Keep the test's connection across WSGI calls, as Django's test client does.

    The WSGI handler closes connections at the end of each request; inside the test's
    transaction that would drop it (PostgreSQL: "cannot open a new connection").
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_errors_and_matches_its_schema(case, stories, keep_test_connection):
    case.call_and_validate()
