import pytest

from newsdesk.authors.selectors import author_list_for_byline, author_match
from newsdesk.authors.tests.factories import author_factory

pytestmark = pytest.mark.django_db


def test_author_match_ignores_case_spacing_and_width():
    author = author_factory(name="Zoë Pillay")
    assert author_match(name="  zoë   PILLAY ") == author
    assert author_match(name="Ｚｏë Pillay") == author  # full-width letters from a wire


def test_author_match_finds_nobody_for_an_unknown_or_empty_name():
    author_factory(name="Zoë Pillay")
    assert author_match(name="Zoe Pillai") is None
    assert author_match(name="   ") is None


def test_author_match_refuses_to_guess_between_two_authors_of_one_name():
    author_factory(name="John Smith", slug="john-smith")
    author_factory(name="John Smith", slug="john-smith-2")
    assert author_match(name="John Smith") is None


def test_byline_names_every_author_in_order():
    jane, john = author_factory(name="Jane Doe"), author_factory(name="John Roe")
    assert author_list_for_byline(byline="By John Roe and Jane Doe") == [john, jane]
    assert author_list_for_byline(byline="Jane Doe, John Roe") == [jane, john]


def test_byline_naming_someone_without_a_page_keeps_its_free_text():
    author_factory(name="Jane Doe")
    assert author_list_for_byline(byline="Jane Doe and A Stringer") == []
    assert author_list_for_byline(byline="") == []
