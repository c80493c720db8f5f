"""Wire formats: RSS/Atom, IPTC ninjs and IPTC NewsML-G2, read into :class:`WireItem`.

This is the *parse* and *validate* step of the ingest pipeline (fetch, parse, validate,
decide, store). Each reader is a pure function: it takes the raw bytes of one document
and returns a :class:`WireBatch` of the items it could read and, for each it could not,
the reason, naming the field at fault. A document that cannot be read at all raises
:class:`WireFeedError`. Readers never touch the database nor import the write layer.
"""

from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
    detect_format,
)
from newsdesk.ingest.wire.html import parse_html_item
from newsdesk.ingest.wire.newsml import parse_newsml
from newsdesk.ingest.wire.ninjs import parse_ninjs
from newsdesk.ingest.wire.rss import parse_rss

__all__ = [
    "WireBatch",
    "WireFeedError",
    "WireItem",
    "WireItemError",
    "detect_format",
    "parse_wire",
]


def parse_wire(data: bytes, *, fmt: str, url: str = "", lenient: bool = False) -> WireBatch:
    """Read ``data`` in ``fmt`` ("auto" to detect it).

    ``lenient`` reads what it can of a feed that is not well-formed (a truncated download)
    instead of refusing it; only the operator asks for that.
    """
    if fmt == "auto":
        fmt = detect_format(data)
    if fmt == "rss":
        return parse_rss(data, lenient=lenient)
    if fmt == "ninjs":
        return parse_ninjs(data)
    if fmt == "newsml":
        return parse_newsml(data)
    if fmt == "html":
        return parse_html_item(data, url=url)
    raise WireFeedError(f"unknown format '{fmt}'")
