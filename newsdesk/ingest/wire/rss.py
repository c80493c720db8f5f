"""RSS 0.9x/1.0/2.0 and Atom feeds, through feedparser."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser

from newsdesk.ingest.page_text import ParsedPage
from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
    wire_source_id,
)
from newsdesk.ingest.wire.body import blocks_from_html, summary_text, take_dateline


def _time(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


def parse_rss(data: bytes) -> WireBatch:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise WireFeedError(f"not a readable feed: {feed.get('bozo_exception')}")
    if not feed.get("version") and not feed.entries:
        raise WireFeedError("not an RSS or Atom feed")
    agency = ""
    if feed.feed.get("publisher_detail"):
        agency = feed.feed.publisher_detail.get("name", "")
    batch = WireBatch()
    for position, entry in enumerate(feed.entries, start=1):
        item_id = entry.get("id") or entry.get("link") or ""
        try:
            batch.items.append(_item(entry, item_id=item_id, agency=agency))
        except ValueError as error:
            batch.errors.append(WireItemError(position, item_id, str(error)))
    return batch


def _item(entry, *, item_id: str, agency: str) -> WireItem:
    if not item_id:
        raise ValueError("the item has neither a guid nor a link")
    headline = " ".join((entry.get("title") or "").split())
    if not headline:
        raise ValueError("the item has no title")
    content = entry.get("content") or []
    full = max((c.get("value", "") for c in content), key=len, default="")
    summary_html = entry.get("summary", "")
    blocks = blocks_from_html(full or summary_html)
    if not blocks:
        raise ValueError("the item has no text")
    dateline, blocks, credit = take_dateline(blocks)
    # The feed's publisher is the agency; a "PLACE (AP) --" dateline says so per item.
    agency = agency or credit
    tags = tuple(
        " ".join(tag.get("term", "").split()).lower()
        for tag in entry.get("tags", [])
        if tag.get("term", "").strip()
    )
    media_credit = entry.get("media_credit") or []
    credit = media_credit[0].get("content", "") if media_credit else ""
    parsed = ParsedPage(
        headline=headline[:255],
        published=_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        caption="",
        credit=credit[:255],
        dateline=dateline[:100],
        body=tuple(blocks),
        tags=tags,
    )
    return WireItem(
        source_id=wire_source_id(item_id),
        parsed=parsed,
        summary=summary_text(summary_html) if full else "",
        byline=_byline(entry)[:200],
        agency=agency[:100],
        image_url=_image_url(entry),
        image_credit=credit[:255],
    )


def _byline(entry) -> str:
    """The author's name: RSS 2.0 ``<author>`` is "email (Name)", and an address alone is
    no byline (``dc:creator`` and Atom ``<name>`` are names already)."""
    name = (entry.get("author_detail") or {}).get("name") or entry.get("author") or ""
    name = " ".join(name.split())
    return "" if "@" in name and " " not in name else name


def _image_url(entry) -> str:
    """The first picture in ``media:content`` or an image enclosure."""
    for media in entry.get("media_content") or []:
        kind = media.get("medium") or media.get("type", "").split("/")[0]
        if kind == "image" and media.get("url", "").startswith(("http://", "https://")):
            return media["url"]
    for link in entry.get("enclosures") or []:
        if link.get("type", "").startswith("image/") and link.get("href", "").startswith("http"):
            return link["href"]
    return ""
