"""The shapes every wire reader returns (detection and dispatch are in ``dispatch.py``)."""

from __future__ import annotations

import hashlib
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
