"""Tests for newsdesk.ingest.page_text: parsing scraped article pages. No Django or DB needed."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Relative import: works whether or not the repo root is on sys.path (e.g. run with -c /dev/null).
from ..page_text import BodyBlock, NotAnArticle, ParsedPage, parse_page_text

FIXTURE = Path(__file__).parent / "fixtures" / "news24_japan_us.txt"
# The fixture is a byte-for-byte copy of the reference page (seed/000_c3a5fd74fde1492e.txt
# beside docs/DESIGN.md, outside the repository), so a clean checkout tests against it.
SEED_SHA256 = "8c891cf75aab0024cad19f0b1492ac6dadcd2c472548b87217d7279c1c71f2a4"
SEED = FIXTURE.read_text(encoding="utf-8")

EXPECTED_TAGS = (
    "chuck hagel",
    "barack obama",
    "shinzo abe",
    "us",
    "north korea",
    "japan",
    "north korea nuclear programme",
)
PHOTO_LINE = "US soldiers stand in front of a Patriot missile battery. (Wojtek Radwanski, AFP)"
CHROME_PHRASES = (
    "Multimedia",
    "User Galleries",
    "News in Pictures",
    "Send us your",
    "Read more on",
    "Join the conversation",
    "24.com",
    "comments policy",
    "Comment on this story",
    "Comments have been closed",
    "Inside News24",
    "Traffic Alerts",
    "new stories",
    "Create Profile",
    "username",
    "Location Settings",
    "Facebook",
    "News addict",
)
PARA_A = "The council approved the new budget on Tuesday after a long and heated debate."
PARA_B = "Residents will see higher rates from July, the mayor told reporters afterwards."


def _without_lines(text: str, *fragments: str) -> str:
    """Drop every line containing any of the fragments."""
    return "\n".join(
        line for line in text.split("\n") if not any(frag in line for frag in fragments)
    )


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _paragraphs(page: ParsedPage) -> list[str]:
    return [block.text for block in page.body if block.type == "paragraph"]


@pytest.fixture(scope="module")
def seed_page() -> ParsedPage:
    return parse_page_text(SEED)


# --- The reference page ------------------------------------------------------------------------


def test_seed_headline_and_published_time_as_written(seed_page):
    assert seed_page.headline == "Japan, US to modernise military alliance"
    assert seed_page.published is not None
    assert seed_page.published.tzinfo is None
    assert seed_page.published.isoformat() == "2013-10-03T10:07:00"


def test_seed_caption_and_credit_come_from_the_repeated_photo_line(seed_page):
    assert seed_page.caption == "US soldiers stand in front of a Patriot missile battery."
    assert seed_page.credit == "Wojtek Radwanski, AFP"
    assert all(PHOTO_LINE not in block.text for block in seed_page.body)


def test_seed_dateline_is_split_off_the_first_paragraph(seed_page):
    assert seed_page.dateline == "Tokyo"
    assert seed_page.body[0] == BodyBlock(
        "paragraph",
        "The United States and Japan agreed on Thursday to modernise their defence alliance for "
        "the first time in 16 years to address growing concerns about North Korea's nuclear "
        "programme, global terrorism, cyber intrusions and other 21st century threats.",
    )


def test_seed_body_is_paragraphs_with_one_subheading_in_order(seed_page):
    types = [block.type for block in seed_page.body]
    assert len(seed_page.body) == 18
    assert types.count("subheading") == 1
    sub = types.index("subheading")
    assert seed_page.body[sub].text == "Political sustainability"
    assert seed_page.body[sub - 1].text.startswith("The ministers agreed to locate a new X-band")
    assert seed_page.body[sub + 1].text.startswith("North Korea's nuclear and ballistic missile")
    assert seed_page.body[-1].type == "paragraph"
    assert seed_page.body[-1].text.startswith('"Cyber attacks are getting more')
    assert seed_page.body[-1].text.endswith(
        "Kazunori Kimura, the Defence Ministry's director of "
        "cyber-defence planning, told Reuters TV."
    )


def test_seed_tags_are_the_trimmed_items_of_the_read_more_on_line(seed_page):
    assert seed_page.tags == EXPECTED_TAGS


def test_seed_as_json_dict_is_serialisable_with_minute_precision_timestamp(seed_page):
    data = json.loads(json.dumps(seed_page.as_json_dict()))
    assert list(data) == [
        "headline",
        "published",
        "caption",
        "credit",
        "dateline",
        "body",
        "tags",
        "byline",
        "agency",
    ]
    assert data["published"] == "2013-10-03T10:07"
    assert data["tags"] == list(EXPECTED_TAGS)
    assert data["body"][7] == {"type": "subheading", "text": "Political sustainability"}
    assert all(set(block) == {"type", "text"} for block in data["body"])


def test_fixture_is_the_reference_page_unchanged():
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == SEED_SHA256


@pytest.mark.parametrize("phrase", CHROME_PHRASES)
def test_body_never_contains_chrome(phrase):
    # Also without the end markers, so only the chrome patterns keep the boxes out.
    bare = _without_lines(SEED, "Read more on:", "Join the conversation")
    for text in (SEED, bare):
        page = parse_page_text(text)
        assert all(phrase.lower() not in block.text.lower() for block in page.body)


# --- Variations ----------------------------------------------------------------------------------


def test_page_without_photo_line_has_empty_caption_and_credit(seed_page):
    page = parse_page_text(_without_lines(SEED, PHOTO_LINE))
    assert (page.caption, page.credit) == ("", "")
    assert page.body == seed_page.body
    assert page.dateline == "Tokyo"


def test_photo_line_without_duplicate_is_still_recognised(seed_page):
    text = SEED.replace(PHOTO_LINE + "\n\n" + PHOTO_LINE, PHOTO_LINE, 1)
    page = parse_page_text(text)
    assert (page.caption, page.credit) == (seed_page.caption, seed_page.credit)
    assert page.body == seed_page.body


def test_page_without_tags_line_has_no_tags_and_the_same_body(seed_page):
    page = parse_page_text(_without_lines(SEED, "Read more on:"))
    assert page.tags == ()
    assert page.body == seed_page.body


def test_page_without_tags_or_join_line_still_ends_before_the_comment_boxes(seed_page):
    page = parse_page_text(_without_lines(SEED, "Read more on:", "Join the conversation"))
    assert page.tags == ()
    assert page.body == seed_page.body


def test_page_without_dateline_keeps_the_first_paragraph_whole(seed_page):
    page = parse_page_text(SEED.replace("Tokyo - The United States", "The United States", 1))
    assert page.dateline == ""
    assert page.body == seed_page.body


def test_page_without_timestamp_has_no_published_time():
    page = parse_page_text(_without_lines(SEED, "2013-10-03 10:07"))
    assert page.published is None
    assert page.caption == "US soldiers stand in front of a Patriot missile battery."


@pytest.mark.parametrize(
    "stamp",
    [
        "2013-10-03 10:07",
        "2013-10-03 10:07:00",
        "2013-10-03T10:07",
        "2013-10-03T10:07:00",
        "03/10/2013 10:07",
        "2013-10-03 10:07 IST",  # ambiguous (India? Ireland? Israel?): site-local
        "Published: 3 October 2013 10:07",
    ],
)
def test_other_timestamp_formats_give_the_same_local_time(stamp):
    page = parse_page_text(SEED.replace("2013-10-03 10:07", stamp, 1))
    assert page.as_json_dict()["published"] == "2013-10-03T10:07"
    assert page.published is not None and page.published.tzinfo is None


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("2013-10-03T10:07:00+02:00", "2013-10-03T10:07+02:00"),
        ("2013-10-03 10:07 SAST", "2013-10-03T10:07+02:00"),
        ("3 October 2013 10:07 GMT+2", "2013-10-03T10:07+02:00"),
        ("Published: 2013-10-03 10:07 (GMT+2)", "2013-10-03T10:07+02:00"),
        ("2013-10-03 08:07 GMT", "2013-10-03T08:07+00:00"),
        ("2013-10-03T08:07:00Z", "2013-10-03T08:07+00:00"),
        ("October 3, 2013 4:07 AM UTC-4", "2013-10-03T04:07-04:00"),
    ],
)
def test_a_time_with_a_named_zone_keeps_its_offset(stamp, published):
    page = parse_page_text(SEED.replace("2013-10-03 10:07", stamp, 1))
    assert page.as_json_dict()["published"] == published
    assert page.published.astimezone(UTC) == datetime(2013, 10, 3, 8, 7, tzinfo=UTC)


def test_timestamp_above_the_headline_is_still_found():
    page = parse_page_text(_page("2013-10-03 10:07", "Council passes budget", PARA_A, PARA_B))
    assert page.headline == "Council passes budget"
    assert page.as_json_dict()["published"] == "2013-10-03T10:07"


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: t.replace(" ", "\u00a0"), id="nbsp"),
        pytest.param(
            lambda t: "\ufeff" + t.replace(" ", " \u00a0").replace("\n", "\r\n"), id="all"
        ),
    ],
)
def test_encoding_noise_parses_like_the_seed(seed_page, transform):
    assert parse_page_text(transform(SEED)) == seed_page


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("Cape Town - ", "Cape Town"),
        ("Washington, DC \u2013 ", "Washington, DC"),
        ("JOHANNESBURG \u2014 ", "JOHANNESBURG"),
        ("Port Elizabeth North East - ", "Port Elizabeth North East"),
    ],
)
def test_dateline_is_a_short_capitalised_place_before_a_dash(opening, place):
    page = parse_page_text(_page("Council passes budget", opening + PARA_A, PARA_B))
    assert page.dateline == place
    assert page.body[0].text == PARA_A


@pytest.mark.parametrize(
    "first",
    [
        "Tokyo-based analysts said the move was expected and long overdue for both allies.",
        "the minister said - quite firmly - that the plan would go ahead as scheduled.",
        "One Two Three Four Five - a list of too many capitalised words is not a place.",
        "In 2013 - a busy year - the council approved three separate budget revisions.",
    ],
)
def test_no_dateline_is_invented(first):
    page = parse_page_text(_page("Council passes budget", first, PARA_B))
    assert page.dateline == ""
    assert page.body[0].text == first


def test_subheading_needs_paragraphs_on_both_sides():
    page = parse_page_text(_page("Budget passed", PARA_A, "What happens next", PARA_B, "Trailer"))
    assert [b.type for b in page.body] == ["paragraph", "subheading", "paragraph"]
    assert page.body[1].text == "What happens next"


def test_short_lines_with_terminal_punctuation_are_paragraphs_not_subheadings():
    lines = ["He agreed.", "Is that all?", "She said:", 'He said "no"']
    page = parse_page_text(_page("Budget passed", PARA_A, *lines, PARA_B))
    assert [b.type for b in page.body] == ["paragraph"] * (len(lines) + 2)


def test_adjacent_short_lines_are_not_subheadings():
    page = parse_page_text(
        _page("Budget passed", PARA_A, "By Jane Smith", "Staff reporter", PARA_B)
    )
    assert page.body == (BodyBlock("paragraph", PARA_A), BodyBlock("paragraph", PARA_B))


def test_missing_parts_are_empty_not_invented():
    page = parse_page_text(_page("Budget passed", PARA_A))
    assert page == ParsedPage(
        "Budget passed", None, "", "", "", (BodyBlock("paragraph", PARA_A),), ()
    )


def test_empty_read_more_on_line_gives_no_tags():
    page = parse_page_text(_page("Budget passed", PARA_A, "Read more on: \u00a0 | ", "Ignored."))
    assert page.tags == ()
    assert _paragraphs(page) == [PARA_A]


# --- Not articles --------------------------------------------------------------------------------

LOG_FILE = "\n".join(
    f"2024-05-0{i} 12:00:0{i},123 INFO [worker-{i}] Processed the nightly batch of records."
    for i in range(1, 6)
)
JSON_BLOB = json.dumps({"headline": "Japan, US to modernise", "body": ["The United States."]})
CHROME_ONLY = SEED[SEED.index("Read more on:") :]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("", "no headline", id="empty"),
        pytest.param(" \n\r\n\t\u00a0\n\ufeff", "no headline", id="whitespace"),
        pytest.param(LOG_FILE, "no headline", id="log-file"),
        pytest.param(JSON_BLOB, "no headline", id="json-compact"),
        pytest.param(json.dumps(json.loads(JSON_BLOB), indent=2), "no headline", id="json-pretty"),
        pytest.param(CHROME_ONLY, "no headline", id="trailing-chrome-only"),
        pytest.param(
            "Multimedia \u00b7 User Galleries \u00b7 News in Pictures", "no headline", id="nav-only"
        ),
        pytest.param("Japan, US to modernise military alliance", "no body paragraphs", id="title"),
        pytest.param(
            _page("Budget passed", "2013-10-03 10:07", PHOTO_LINE, PHOTO_LINE),
            "no body paragraphs",
            id="header-only",
        ),
        pytest.param(_page("Budget passed", *LOG_FILE.split("\n")), "no body paragraphs", id="log"),
    ],
)
def test_non_articles_raise_not_an_article_saying_why(text, reason):
    with pytest.raises(NotAnArticle, match=reason):
        parse_page_text(text)


def test_not_an_article_is_a_value_error():
    assert issubclass(NotAnArticle, ValueError)


# --- Properties (optional: need Hypothesis) ------------------------------------------------------


def test_any_text_either_parses_to_an_article_or_raises_not_an_article():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text())
    def check(text: str) -> None:
        try:
            page = parse_page_text(text)
        except NotAnArticle:
            return
        assert page.headline
        assert any(block.type == "paragraph" for block in page.body)
        json.dumps(page.as_json_dict())

    check()


def test_generated_articles_round_trip_their_paragraphs():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    words = st.sampled_from(["council", "budget", "river", "market", "city", "water", "school"])
    sentence = st.lists(words, min_size=3, max_size=30).map(
        lambda w: " ".join(w).capitalize() + "."
    )
    headline = st.lists(words, min_size=1, max_size=10).map(lambda w: " ".join(w).title())

    @hypothesis.settings(max_examples=100, deadline=None)
    @hypothesis.given(
        headline, st.lists(sentence, min_size=1, max_size=8, unique=True), st.booleans()
    )
    def check(title: str, paragraphs: list[str], crlf: bool) -> None:
        text = (
            _page(title, *paragraphs) + "\n\nRead more on: city | water\n\nJoin the conversation!"
        )
        page = parse_page_text(text.replace("\n", "\r\n") if crlf else text)
        assert page.headline == title
        assert _paragraphs(page) == paragraphs
        assert page.tags == ("city", "water")

    check()
