"""Highlighted snippets: the part of a story that matches the reader's words, marked.

Wagtail's database backend finds stories but does not highlight; this does, in Python, on
the page of results only (twenty stories), so it costs no query.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

SNIPPET_WORDS = 40
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The words of a query worth highlighting (no operators, no single letters)."""
    terms = []
    for word in _WORD.findall(query.casefold()):
        if len(word) > 1 and word not in {"and", "or", "not"} and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def body_text(raw_body) -> str:
    """The readable text of a StreamField body, from its raw JSON data."""
    parts = []
    for block in raw_body or []:
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            parts.extend(v for k, v in value.items() if k in {"quote", "caption"} and v)
    return html.unescape(strip_tags(" ".join(parts)))


def highlight(text: str, terms: list[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the first match, matches in <mark>."""
    tokens = text.split()
    if not tokens:
        return mark_safe("")
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
        if terms
        else None
    )
    start = 0
    if pattern is not None:
        for index, token in enumerate(tokens):
            if pattern.search(token):
                start = max(0, index - words // 4)
                break
    window = tokens[start : start + words]
    pieces = [_marked(token, pattern) for token in window]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return mark_safe(prefix + " ".join(pieces) + suffix)


def _marked(token: str, pattern: re.Pattern | None) -> str:
    """``token`` escaped, with the matches of ``pattern`` (found before escaping) marked."""
    if pattern is None:
        return escape(token)
    out, last = [], 0
    for match in pattern.finditer(token):
        out.append(escape(token[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(token[last:]))
    return "".join(out)
