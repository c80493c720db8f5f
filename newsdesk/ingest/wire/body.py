"""Story bodies from wire HTML or text, as the paragraph and subheading blocks we store."""

from __future__ import annotations

import copy
import html
import re
from typing import NamedTuple

import lxml.html
import nh3
from lxml import etree

from newsdesk.ingest.page_text import BodyBlock, split_credited_dateline

_SPACE = re.compile(r"\s+")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "blockquote", "pre", "div", "td", *_HEADINGS}
_DROP = {"script", "style", "iframe", "object", "embed", "form", "noscript", "figure", "img"}


# What a story paragraph keeps of its source's markup, in the form Wagtail's rich text
# stores it (<b>, <i>, <a href>): the links and emphasis the paragraph block's editor
# offers. Everything else is reduced to its text.
_INLINE_TAGS = {"a", "b", "i"}
_RENAME = {"strong": "b", "em": "i"}
_LINK_SCHEMES = {"http", "https", "mailto"}


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def blocks_from_html(markup: str) -> list[BodyBlock]:
    """Paragraphs and subheadings of an HTML fragment; markup and media are dropped."""
    if not markup or not markup.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return blocks_from_text(re.sub(r"<[^>]+>", " ", markup))
    if len(root) == 0:
        # Text without tags: its references are decoded by the parser and its line
        # breaks still separate the paragraphs.
        return blocks_from_text(root.text or "")
    return blocks_from_element(root)


def _local(element) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def blocks_from_element(root) -> list[BodyBlock]:
    doomed = [
        element
        for element in root.iterdescendants()
        if not isinstance(element.tag, str) or _local(element) in _DROP
    ]
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:  # the text after a dropped <img> belongs to the paragraph
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    blocks: list[BodyBlock] = []
    for element in root.iter():
        tag = _local(element)
        if tag not in _BLOCKS:
            continue
        # Only the innermost block elements: a <div> of <p>s is read through its <p>s.
        if any(_local(child) in _BLOCKS for child in element.iterdescendants()):
            continue
        text = _clean("".join(element.itertext()))
        if not text:
            continue
        if tag in _HEADINGS:
            blocks.append(BodyBlock("subheading", text))
        else:
            blocks.append(BodyBlock("paragraph", text, inline_markup(element)))
    if not blocks:
        blocks = blocks_from_text("".join(root.itertext()))
    return blocks


def inline_markup(element) -> str:
    """The element's content as safe inline HTML (nh3), or "" if it has no link or
    emphasis worth keeping."""
    if not any(isinstance(child.tag, str) for child in element.iterdescendants()):
        return ""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        clone = copy.deepcopy(child)
        for node in clone.iter():
            if isinstance(node.tag, str):
                name = _local(node)
                node.tag = _RENAME.get(name, name)
        parts.append(etree.tostring(clone, encoding="unicode", method="html", with_tail=True))
    markup = nh3.clean(
        "".join(parts),
        tags=_INLINE_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_LINK_SCHEMES,
        link_rel=None,
    )
    markup = _clean(markup)
    return markup if "<" in markup else ""


def _without_prefix(block: BodyBlock, rest: str) -> BodyBlock:
    """The paragraph without the dateline its text began with; its markup kept when the
    dateline was plain leading text, else dropped (the text is what matters)."""
    markup = ""
    if block.markup:
        root = lxml.html.fragment_fromstring(block.markup, create_parent="div")
        lead = _clean(root.text or "")
        prefix = block.text[: len(block.text) - len(rest)].strip()
        if lead.startswith(prefix):
            root.text = lead[len(prefix) :].lstrip() + " "
            markup = inline_markup(root)
    return BodyBlock("paragraph", rest, markup)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# Agency plain text often marks a paragraph by indenting its first line instead.
_INDENTED_LINE = re.compile(r"\n(?=[ \t]+\S)")


def blocks_from_text(text: str) -> list[BodyBlock]:
    """Paragraphs of plain text: separated by blank lines, else by indented first lines,
    else one per line."""
    text = text.strip("\n\r")
    if _BLANK_LINE.search(text):
        chunks = _BLANK_LINE.split(text)
    elif _INDENTED_LINE.search(text):
        chunks = _INDENTED_LINE.split(text)
    else:
        chunks = text.splitlines()
    return [BodyBlock("paragraph", _clean(chunk)) for chunk in chunks if _clean(chunk)]


class Dateline(NamedTuple):
    place: str
    blocks: list[BodyBlock]
    credit: str  # the agency a "PLACE (AP) --" dateline names, or ""


# European agencies' "(APA) - Wien, 3. Oktober - text" / "(ANSA) - Rome, October 3 - text":
# the agency first, then the place and the day.
_AGENCY_FIRST = re.compile(
    r"^\((?P<credit>[A-Za-z][\w&./ -]{0,30})\)\s*[-–—]+\s*"
    r"(?P<place>[^\W\d][^,()]{0,60}?),\s*(?P<day>[^-–—]{1,30}?)\s*[-–—]+\s*(?P<rest>\S.*)$",
    re.DOTALL,
)


def take_dateline(blocks: list[BodyBlock], dateline: str = "") -> Dateline:
    """Split "TOKYO - text", "TOKYO (AP) -- text" or "(AP) - Tokyo, Oct 3 - text" off the
    first paragraph; an explicit dateline wins over the one in the text, which is dropped
    from the body either way."""
    if not blocks or blocks[0].type != "paragraph":
        return Dateline(dateline, blocks, "")
    agency_first = _AGENCY_FIRST.match(blocks[0].text)
    if agency_first:
        rest = [_without_prefix(blocks[0], agency_first["rest"]), *blocks[1:]]
        return Dateline(dateline or agency_first["place"], rest, agency_first["credit"])
    split = split_credited_dateline(blocks[0].text)
    if split is None:
        return Dateline(dateline, blocks, "")
    place, credit, rest_text = split
    place = place.title() if place.isupper() else place
    return Dateline(dateline or place, [_without_prefix(blocks[0], rest_text), *blocks[1:]], credit)


def summary_text(markup: str, *, limit: int = 400) -> str:
    """A plain-text standfirst of at most ``limit`` characters, from HTML (figures and
    other media dropped, references decoded)."""
    text = _clean(" ".join(b.text for b in blocks_from_html(markup)))
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


# "Read the full story at https://..." / "Continue reading ..." ends a teaser.
_TEASER = re.compile(
    r"(?i)\b(?:read (?:the )?(?:full|whole|rest of the) (?:story|article)|continue reading)\b"
)
_HREF = re.compile(r'<a href="(https?://[^"]+)"')


class Teaser(NamedTuple):
    blocks: list[BodyBlock]
    teaser: bool
    url: str  # the link the teaser's last words carry, "" if none


def take_teaser(blocks: list[BodyBlock]) -> Teaser:
    """Whether the body is a teaser (its last paragraph says "Read the full story at
    ..."), and the body without those words: the article page prints its own link to the
    source, so the feed's would only repeat it."""
    if not blocks or blocks[-1].type != "paragraph":
        return Teaser(blocks, False, "")
    last = blocks[-1]
    match = _TEASER.search(last.text)
    if match is None:
        return Teaser(blocks, False, "")
    link = _HREF.findall(last.markup)
    url = html.unescape(link[-1]) if link else ""
    rest = last.text[: match.start()].rstrip(" -–—:|([")
    kept = blocks[:-1]
    if rest:
        # The sentence before keeps its words; its inline markup cannot be cut safely.
        kept.append(BodyBlock("paragraph", rest))
    return Teaser(kept or blocks, True, url)
