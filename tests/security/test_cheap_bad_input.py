"""Security row 14: cheap, malformed requests get a 400 or a clear answer, never a 500.

A comment cursor we did not make reads as "from the start", as it always did for text; a
search date at the calendar's ends means "no limit"; an odd tag slug is simply not found.
"""

import pytest

from newsdesk.articles.tests.factories import article_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(section):
    return article_factory(section=section, title="Japan, US to modernise military alliance")


@pytest.mark.parametrize(
    "cursor",
    [
        "99999999999999999999.1",
        "1.99999999999999999999",
        "-99999999999999999999.1",
        "1.-5",
        "1.2.3",
        "١٢.٣",  # Arabic-Indic digits: int() reads them, they are not a cursor of ours
        "\x00",
    ],
)
@pytest.mark.parametrize("path", ["/comments/{pk}/", "/comments/{pk}/thread/"])
def test_a_cursor_we_did_not_make_answers_with_the_first_page(client, article, path, cursor):
    first_page = client.get(path.format(pk=article.pk))
    response = client.get(path.format(pk=article.pk), {"after": cursor})
    assert response.status_code == 200
    if path == "/comments/{pk}/":  # the public fragment; the full page carries a CSRF token
        assert response.content == first_page.content


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("0001-01-01", ""), ("", "9999-12-31"), ("0001-01-01", "9999-12-31")],
)
def test_search_at_the_ends_of_the_calendar_answers(client, article, date_from, date_to):
    response = client.get("/search/", {"q": "Japan", "date_from": date_from, "date_to": date_to})
    assert response.status_code == 200
    assert "Japan, US to modernise military alliance" in response.content.decode()


@pytest.mark.parametrize("slug", ["%00", "a%00b", "%ff%fe", "a,b", "x" * 2000])
def test_odd_tag_slugs_are_not_found_not_errors(client, section, slug):
    response = client.get(f"/tags/{slug}/")
    assert response.status_code in (400, 404)
