"""Format detection and dispatch to the wire readers (which import ``base``, not this)."""

from __future__ import annotations

import re

from newsdesk.ingest.wire.base import WireBatch, WireFeedError
from newsdesk.ingest.wire.html import parse_html_item
from newsdesk.ingest.wire.newsml import parse_newsml
from newsdesk.ingest.wire.ninjs import parse_ninjs
from newsdesk.ingest.wire.rss import parse_rss

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
        return parse_rss(data)
    if fmt == "ninjs":
        return parse_ninjs(data)
    if fmt == "newsml":
        return parse_newsml(data)
    if fmt == "html":
        return parse_html_item(data, url=url)
    raise WireFeedError(f"unknown format '{fmt}'")
