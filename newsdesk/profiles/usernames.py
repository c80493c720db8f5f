"""The rules for usernames: what they may contain and when two are the same name.

A username is compared in its *key* form: Unicode NFKC, then case folding. So ``Alice``,
``alice`` and full-width ``ａｌｉｃｅ`` are one name. After that a key may hold only
``a-z 0-9 _ . -``: letters from other scripts that look like Latin ones (Cyrillic ``а``,
Greek ``ο``) are refused rather than mapped, so no two visible names can pass for one.
"""

from __future__ import annotations

import re
import unicodedata

MIN_LENGTH = 3
MAX_LENGTH = 30
ALLOWED = re.compile(r"^[a-z0-9_.-]+$")

TOO_SHORT = "Usernames need at least 3 characters."
TOO_LONG = "Usernames can have at most 30 characters."
NOT_ALLOWED_CHARACTERS = (
    "Use only the letters a to z, the digits 0 to 9, and _ . - (no spaces, accents or "
    "letters from other alphabets)."
)
MUST_START_WITH_LETTER_OR_DIGIT = "Usernames start and end with a letter or a digit."
RESERVED = "That username is reserved. Please choose another."
TAKEN = "That username is already taken. Please choose another."
NUMBERS_ONLY = "Usernames need at least one letter."

# Names that would pass for the site itself, its staff, or a URL of ours.
RESERVED_WORDS = frozenset(
    """
    about abuse account accounts admin administrator api app assets auth billing blog
    comment comments community contact contribute contributions create delete editor
    editors edit export feed feeds help home info join legal live local location login
    logout me media moderator moderators news newsdesk newsroom official people policy
    privacy profile profiles register reporter root search security settings signin
    signout signup sport staff static status support system tags team terms user users
    webmaster www
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def username_key(name: str) -> str:
    """The comparison form: NFKC then case folding, so 'Alice' and full-width 'ａｌｉｃｅ' match."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def username_problem(name: str) -> str | None:
    """The message explaining why ``name`` cannot be a username, or None when it can."""
    key = username_key(name)
    if not username_display(name).isascii():
        # e.g. German ß case-folds to "ss": the shown name would not be the compared one.
        return NOT_ALLOWED_CHARACTERS
    if len(key) < MIN_LENGTH:
        return TOO_SHORT
    if len(key) > MAX_LENGTH:
        return TOO_LONG
    if not ALLOWED.match(key):
        return NOT_ALLOWED_CHARACTERS
    if not (key[0].isalnum() and key[-1].isalnum()):
        return MUST_START_WITH_LETTER_OR_DIGIT
    if key.replace("_", "").replace(".", "").replace("-", "").isdigit():
        return NUMBERS_ONLY
    if key in RESERVED_WORDS or key.rstrip("0123456789") in {"admin", "moderator", "editor"}:
        return RESERVED
    return None


def username_display(name: str) -> str:
    """The form we keep and show: NFKC (full-width letters become plain ones), case kept."""
    return unicodedata.normalize("NFKC", name).strip()
