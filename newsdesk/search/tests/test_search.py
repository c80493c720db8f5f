from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles.tests.factories import article_factory
from newsdesk.search.forms import DATES_REVERSED, QUERY_TOO_LONG
from newsdesk.search.snippets import highlight, query_terms
from newsdesk.sections.tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parents[2] / "ingest" / "tests" / "fixtures" / "news24_japan_us.txt"


def test_a_word_from_the_seed_articles_body_finds_it(client, section):
    call_command("import_page", str(SEED), "--section", "world", verbosity=0)
    article_factory(section=section, title="Unrelated", body_text="Nothing about that here.")
    response = client.get("/search/", {"q": "Kyogamisaki"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for" in html
    assert "Japan, US to modernise military alliance" in html
    assert "<mark>Kyogamisaki</mark>" in html


def test_results_are_noindex_and_cacheable(client, section):
    response = client.get("/search/", {"q": "anything"})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "public" in response["Cache-Control"]


def test_section_and_date_filters_narrow_results(client, home_page, section):
    sport = SectionPageFactory(parent=home_page, title="Sport", slug="sport")
    article_factory(section=section, title="World harbour", body_text="The harbour story.")
    article_factory(section=sport, title="Sport harbour", body_text="The harbour race.")
    article_factory(section=sport, title="Old harbour", body_text="A harbour.", hours_ago=24 * 10)
    html = client.get("/search/", {"q": "harbour", "section": "sport"}).content.decode()
    assert "Sport harbour" in html and "Old harbour" in html and "World harbour" not in html
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    html = client.get(
        "/search/", {"q": "harbour", "section": "sport", "date_from": since}
    ).content.decode()
    assert "Sport harbour" in html and "Old harbour" not in html


def test_drafts_and_other_sites_are_not_found(client, section):
    article_factory(section=section, title="Draft harbour", body_text="harbour", publish=False)
    assert "0 results" in client.get("/search/", {"q": "harbour"}).content.decode()


def test_over_long_query_is_a_400_with_the_reason(client, section):
    response = client.get("/search/", {"q": "a" * 10_000})
    assert response.status_code == 400
    assert QUERY_TOO_LONG.format(max=500) in response.content.decode()


def test_reversed_dates_are_a_400_with_the_reason(client, section):
    response = client.get(
        "/search/", {"q": "x", "date_from": "2024-02-02", "date_to": "2024-01-01"}
    )
    assert response.status_code == 400
    assert DATES_REVERSED.replace("'", "&#x27;") in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "-",
        "OR",
        "AND NOT",
        '"unclosed',
        "a OR (b",
        "NEAR(a b)",
        "^x",
        "\\",
        "%",
        "_",
        "a:b",
        "{}[]",
        "\x00null",
        "🙂",
        "\u200f",
        "col:val*",
        ")))(((",
        "SELECT * FROM wagtailcore_page; --",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_never_error(client, section, query):
    article_factory(section=section, title="Harbour", body_text="The harbour.")
    response = client.get("/search/", {"q": query})
    # Django refuses NUL characters in form input with a clear message: a 400, not an error.
    assert response.status_code == (400 if "\x00" in query else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_snippet_marks_matches_and_escapes_the_rest():
    text = "Before <b>bold</b> & the harbours reopened & after"
    snippet = highlight(text, query_terms("harbour"))
    assert "<mark>harbours</mark>" in snippet
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet
    assert highlight("amp &amp; amp", ["amp"]).count("<mark>") == 3
