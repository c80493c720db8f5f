"""The shapes every wire reader returns, format detection and dispatch."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from newsdesk.ingest.page_text import ParsedPage

FORMATS = ("rss", "ninjs", "newsml", "html")
MAX_SOURCE_ID = 255


class WireFeedError(ValueError):
    """The whole document is unreadable; the message says why."""


@dataclass(frozen=True)
class WireItem:
    """One story from the wire, ready for ``article_import_parsed``."""

    source_id: str
    parsed: ParsedPage
    summary: str = ""
    byline: str = ""
    agency: str = ""
    withdrawn: bool = False  # the source killed or withheld the story
    image_url: str = ""  # the lead photo, fetched on first import
    image_caption: str = ""
    image_credit: str = ""


@dataclass(frozen=True)
class WireItemError:
    position: int  # 1-based position of the item in the document
    item_id: str
    reason: str


@dataclass
class WireBatch:
    items: list[WireItem] = field(default_factory=list)
    errors: list[WireItemError] = field(default_factory=list)


def wire_source_id(raw_id: str) -> str:
    """The item's own id as the dedupe key; ids too long for the column are hashed."""
    raw_id = raw_id.strip()
    if len(raw_id) <= MAX_SOURCE_ID:
        return raw_id
    return "sha256:" + hashlib.sha256(raw_id.encode()).hexdigest()


_XML_ROOT = re.compile(rb"<(?!\?|!)([\w.-]+:)?([\w.-]+)")


def detect_format(data: bytes) -> str:
    """Guess the format of a document from its first bytes: rss, ninjs, newsml or html."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith((b"{", b"[")):
        return "ninjs"
    lowered = head.lower()
    if lowered.startswith(b"<!doctype html") or b"<html" in lowered[:1024]:
        return "html"
    for match in _XML_ROOT.finditer(head):
        root = match.group(2).lower()
        if root in {b"rss", b"feed", b"rdf"}:
            return "rss"
        if root in {b"newsitem", b"newsmessage"}:
            return "newsml"
        break
    raise WireFeedError("unknown format: not RSS, Atom, ninjs JSON, NewsML-G2 or HTML")


def parse_wire(data: bytes, *, fmt: str, url: str = "") -> WireBatch:
    """Read ``data`` in ``fmt`` ("auto" to detect it)."""
    if fmt == "auto":
        fmt = detect_format(data)
    if fmt == "rss":
        from newsdesk.ingest.wire.rss import parse_rss

        return parse_rss(data)
    if fmt == "ninjs":
        from newsdesk.ingest.wire.ninjs import parse_ninjs

        return parse_ninjs(data)
    if fmt == "newsml":
        from newsdesk.ingest.wire.newsml import parse_newsml

        return parse_newsml(data)
    if fmt == "html":
        from newsdesk.ingest.wire.html import parse_html_item

        return parse_html_item(data, url=url)
    raise WireFeedError(f"unknown format '{fmt}'")
