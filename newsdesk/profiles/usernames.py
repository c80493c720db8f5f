"""The rules for usernames: what they may contain and when two are the same name.

A username is compared in its *key* form: Unicode NFKC, then case folding. So ``Alice``,
``alice`` and full-width ``ａｌｉｃｅ`` are one name. After that a key may hold only
``a-z 0-9 _ . -``: letters from other scripts that look like Latin ones (Cyrillic ``а``,
Greek ``ο``) are refused rather than mapped, so no two visible names can pass for one.

Inside plain ASCII, names still pass for each other: ``adm1n`` for ``admin``, ``th4ndi``
or ``thandl`` for ``thandi``. Each name also has a *skeleton* (in the spirit of Unicode
TR39's confusable skeletons, for the ASCII that is left: separators dropped, digits and
letters that look alike folded together, ``rn`` read as ``m``). A new name is refused
when its skeleton matches, or is one edit away from, a reserved word that would pass for
the site or its staff, or when it matches (one edit away, for longer names) the skeleton
of a name already issued. Skeletons are stored and indexed (``Profile.username_skeleton``),
so that check is one query however many readers there are.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

MIN_LENGTH = 3
MAX_LENGTH = 30
ALLOWED = re.compile(r"^[a-z0-9_.-]+$")

TOO_SHORT = _("Usernames need at least 3 characters.")
TOO_LONG = _("Usernames can have at most 30 characters.")
NOT_ALLOWED_CHARACTERS = _(
    "Use only the letters a to z, the digits 0 to 9, and _ . - (no spaces, accents or "
    "letters from other alphabets)."
)
MUST_START_WITH_LETTER_OR_DIGIT = _("Usernames start and end with a letter or a digit.")
RESERVED = _("That username is reserved. Please choose another.")
TAKEN = _("That username is already taken. Please choose another.")
NUMBERS_ONLY = _("Usernames need at least one letter.")
LOOKS_LIKE_TAKEN = _(
    "That username looks too much like one that is already taken, and readers could "
    "mistake one for the other. Please choose another."
)

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


# Words that would let a reader pass for the site or its staff: refused not only as they are
# but in any look-alike spelling, with digits around them, or one edit away.
IMPERSONATION_WORDS = frozenset(
    """
    admin administrator editor editors moderator moderators newsdesk newsroom official
    reporter root security staff support system webmaster
    """.split()  # noqa: SIM905 - a word list reads best as words
)
SEPARATORS = "_.-"
# How plain ASCII characters pass for each other in the fonts readers see.
_LOOKALIKE_CHARACTERS = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "2": "z", "3": "e", "4": "a", "5": "s", "6": "b"}
    | {"7": "t", "8": "b", "9": "g"}
)
_LOOKALIKE_SEQUENCES = (("rn", "m"), ("vv", "w"))
# The letters a skeleton can hold (every digit and "i" are folded into others).
SKELETON_ALPHABET = "abcdefghjklmnopqrstuvwxyz"
# Below this length, names one edit apart are simply different names ("anna", "anne").
NEAR_MATCH_MIN_LENGTH = 6


def username_skeleton(name: str) -> str:
    """What ``name`` looks like: separators dropped, look-alike characters folded together."""
    skeleton = username_key(name).translate(str.maketrans("", "", SEPARATORS))
    skeleton = skeleton.translate(_LOOKALIKE_CHARACTERS)
    for sequence, single in _LOOKALIKE_SEQUENCES:
        skeleton = skeleton.replace(sequence, single)
    return skeleton


def skeleton_neighbours(skeleton: str) -> set[str]:
    """Every skeleton one deletion, insertion or substitution away from ``skeleton``."""
    splits = [(skeleton[:i], skeleton[i:]) for i in range(len(skeleton) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    substitutes = {
        left + c + right[1:] for left, right in splits if right for c in SKELETON_ALPHABET
    }
    inserts = {left + c + right for left, right in splits for c in SKELETON_ALPHABET}
    return (deletes | substitutes | inserts) - {skeleton}


def _one_edit_apart(a: str, b: str) -> bool:
    return a == b or a in skeleton_neighbours(b)


def _passes_for_reserved(key: str) -> bool:
    if key in RESERVED_WORDS or username_skeleton(key) in _RESERVED_SKELETONS:
        return True
    # "admin_1", "2admin", "adm1ns": digits around an impersonation word, or one edit off it.
    trimmed = username_skeleton(key.strip("0123456789" + SEPARATORS))
    return any(
        _one_edit_apart(trimmed, word) if len(word) >= 5 else trimmed == word
        for word in _IMPERSONATION_SKELETONS
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
    if _passes_for_reserved(key):
        return RESERVED
    return None


def username_display(name: str) -> str:
    """The form we keep and show: NFKC (full-width letters become plain ones), case kept."""
    return unicodedata.normalize("NFKC", name).strip()


_RESERVED_SKELETONS = frozenset(username_skeleton(word) for word in RESERVED_WORDS)
_IMPERSONATION_SKELETONS = frozenset(username_skeleton(word) for word in IMPERSONATION_WORDS)
