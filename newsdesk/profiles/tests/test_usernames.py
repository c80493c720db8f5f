import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.profiles.usernames import (
    MUST_START_WITH_LETTER_OR_DIGIT,
    NOT_ALLOWED_CHARACTERS,
    NUMBERS_ONLY,
    RESERVED,
    TOO_LONG,
    TOO_SHORT,
    username_display,
    username_key,
    username_problem,
)


def test_case_and_full_width_forms_share_one_key():
    assert username_key("Alice") == username_key("alice") == username_key("ａｌｉｃｅ") == "alice"
    assert username_display("ａｌｉｃｅ") == "alice"


@pytest.mark.parametrize("name", ["alice", "Alice_99", "j.doe", "mary-jane", "abc", "a" * 30])
def test_plain_names_are_accepted(name):
    assert username_problem(name) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("al", TOO_SHORT),
        ("a" * 31, TOO_LONG),
        ("al ice", NOT_ALLOWED_CHARACTERS),
        ("zoë", NOT_ALLOWED_CHARACTERS),
        ("аlice", NOT_ALLOWED_CHARACTERS),  # Cyrillic а
        ("alicε", NOT_ALLOWED_CHARACTERS),  # Greek epsilon
        ("straße", NOT_ALLOWED_CHARACTERS),  # folds to "strasse": shown and compared differ
        ("alice@home", NOT_ALLOWED_CHARACTERS),
        ("_alice", MUST_START_WITH_LETTER_OR_DIGIT),
        ("alice.", MUST_START_WITH_LETTER_OR_DIGIT),
        ("12345", NUMBERS_ONLY),
        ("Admin", RESERVED),
        ("ＡＤＭＩＮ", RESERVED),
        ("admin2", RESERVED),
        ("people", RESERVED),
        ("api", RESERVED),
        ("accounts", RESERVED),
        ("news", RESERVED),
    ],
)
def test_bad_names_are_refused_with_a_reason(name, message):
    assert username_problem(name) == message


@given(st.text(max_size=40))
def test_every_accepted_name_has_a_plain_ascii_key_of_the_right_length(name):
    if username_problem(name) is None:
        key = username_key(name)
        assert key.isascii() and 3 <= len(key) <= 30
        assert username_display(name).casefold() == key
