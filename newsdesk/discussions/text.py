"""Readers' comments are plain text: escape everything, then make links clickable.

``fold`` is the comparison form used to spot the same text posted again: NFKC (full-width
and compatibility characters), case folding, invisible characters removed and runs of
white space collapsed.
"""

import hashlib
import re
import unicodedata

import nh3
from django.utils.html import escape

LINK_REL = "nofollow ugc noopener"
# Links are found in the escaped text, so they stop at white space and at '<' or '"'.
URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")
TRAILING_PUNCTUATION = ".,;:!?)]}'"
INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]"
)
SPACE_RE = re.compile(r"\s+")


def _link(match: re.Match) -> str:
    url = match.group(0)
    trailing = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        trailing = url[-1] + trailing
        url = url[:-1]
    if url.endswith("&amp"):  # an escaped '&' cut in half by the punctuation strip
        url, trailing = url[:-4], "&amp" + trailing
    href = url if url.lower().startswith("http") else f"https://{url}"
    return f'<a href="{href}">{url}</a>{trailing}'


def render_body(text: str) -> str:
    """Plain text to safe HTML: paragraphs, line breaks and links, nothing else."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n")) if p]
    html = "".join(
        "<p>" + URL_RE.sub(_link, escape(p)).replace("\n", "<br>") + "</p>" for p in paragraphs
    )
    # The final pass: only our own tags survive, and every link gets the same rel.
    return nh3.clean(
        html,
        tags={"a", "p", "br"},
        attributes={"a": {"href"}},
        link_rel=LINK_REL,
        url_schemes={"http", "https"},
    )


def count_links(text: str) -> int:
    return len(URL_RE.findall(text))


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = INVISIBLE_RE.sub("", folded)
    return SPACE_RE.sub(" ", folded).strip()


def fingerprint(text: str) -> str:
    return hashlib.sha256(fold(text).encode()).hexdigest()


def contains_phrase(folded_text: str, phrase: str) -> bool:
    """Whole-word match, so 'ass' does not catch 'class'."""
    phrase = fold(phrase)
    if not phrase:
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded_text) is not None
