"""Text fields of wire items: markup and character references become plain text, once.

Every reader sends the fields it takes from a document through :func:`plain_text`, so a
reference such as ``&#8217;`` is decoded in exactly one place and never reaches readers,
and text that merely looks like a reference after decoding (``&amp;lt;`` becomes the
four characters ``&lt;``) is left alone.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_BREAKS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td"}
_SPACE = re.compile(r"\s+")
# "Copyright 2013 Example Wire. All rights reserved." -> "Example Wire"
_COPYRIGHT_NOISE = re.compile(
    r"(?i)\b(?:copyright|all rights reserved)\b\.?|©|\(c\)|\b\d{4}(?:\s*[-–]\s*\d{4})?\b"
)


def squash(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def plain_text(value: str, *, markup: bool) -> str:
    """``value`` as one line of plain text; ``markup`` says the source declared it HTML."""
    if not value:
        return ""
    if not markup:
        return squash(value)
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iterdescendants():
        if element.tag in _BREAKS:  # "<p>One.</p><p>Two.</p>" is "One. Two."
            element.tail = " " + (element.tail or "")
    return squash(root.text_content())


def agency_from_rights(value: str) -> str:
    """The holder a copyright line names: "© 2013 Example Wire. All rights reserved."."""
    holder = squash(_COPYRIGHT_NOISE.sub(" ", value or ""))
    return holder.strip(" .,;:-")


def language_code(value) -> str:
    """A BCP 47 tag as the source gives it ("en", "de-DE"), or "" when it is no such tag."""
    if not isinstance(value, str):
        return ""
    code = value.strip().replace("_", "-")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", code):
        return ""
    primary, _, rest = code.partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


_CREDIT_LABEL = re.compile(
    r"(?i)^(?:©|\(c\)|photo|picture|pic|image|foto|bild|credit)s?\s*[:©]?\s*"
)


def credit_text(value: str) -> str:
    """A photo credit without its label: "Foto: Robert Michael" is "Robert Michael"."""
    credit = squash(value)
    for _ in range(2):  # "© Foto: ..." has two
        credit = _CREDIT_LABEL.sub("", credit, count=1)
    return credit.strip()
