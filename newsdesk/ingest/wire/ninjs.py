"""IPTC ninjs (News in JSON) items, versions 1.x and 2.x.

A document is one item, a list of items, or an object with an ``items`` list. 2.x names
(``headlines``, ``bodies``, ``descriptions``) and 1.x names (``headline``, ``body_html``,
``description_text``) are both read.
"""

from __future__ import annotations

import json
from datetime import datetime

from newsdesk.ingest.page_text import ParsedPage
from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
    wire_source_id,
)
from newsdesk.ingest.wire.body import blocks_from_html, blocks_from_text, take_dateline

WITHDRAWN = {"canceled", "cancelled", "withheld"}
MAX_ITEMS = 1000


def parse_ninjs(data: bytes) -> WireBatch:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WireFeedError(f"not valid JSON: {error}") from None
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        items = document["items"]
    elif isinstance(document, list):
        items = document
    elif isinstance(document, dict):
        items = [document]
    else:
        raise WireFeedError("not a ninjs item or list of items")
    batch = WireBatch()
    for position, item in enumerate(items[:MAX_ITEMS], start=1):
        item_id = str(item.get("uri", "")) if isinstance(item, dict) else ""
        try:
            batch.items.append(_item(item))
        except (ValueError, TypeError, AttributeError) as error:
            batch.errors.append(WireItemError(position, item_id, str(error)))
    return batch


def _first(values, *, role: str | None = None, key: str = "value") -> str:
    """The value with ``role`` (else the first) from a ninjs 2.x list of role/value objects."""
    if isinstance(values, str):
        return values
    if not isinstance(values, list):
        return ""
    chosen = [v for v in values if isinstance(v, dict) and (role is None or v.get("role") == role)]
    chosen = chosen or [v for v in values if isinstance(v, dict)]
    return str(chosen[0].get(key, "")) if chosen else ""


def _time(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO 8601 time") from None


def _names(values) -> list[str]:
    if not isinstance(values, list):
        return []
    names = []
    for value in values:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()).lower())
    return names


def _item(item) -> WireItem:
    if not isinstance(item, dict):
        raise ValueError("the item is not a JSON object")
    uri = str(item.get("uri") or "").strip()
    if not uri:
        raise ValueError("the item has no uri")
    if item.get("type", "text") not in {"text", "composite"}:
        raise ValueError(f"items of type '{item.get('type')}' are not stories")
    headline = " ".join(
        (_first(item.get("headlines"), role="main") or item.get("headline") or "").split()
    )
    if not headline:
        raise ValueError("the item has no headline")
    bodies = item.get("bodies")
    body_html = ""
    body_text = ""
    if isinstance(bodies, list):
        html_bodies = [
            b for b in bodies if isinstance(b, dict) and "html" in b.get("contenttype", "")
        ]
        text_bodies = [b for b in bodies if isinstance(b, dict) and b not in html_bodies]
        body_html = _first(html_bodies)
        body_text = _first(text_bodies)
    body_html = body_html or item.get("body_html") or ""
    body_text = body_text or item.get("body_text") or ""
    blocks = blocks_from_html(body_html) if body_html else blocks_from_text(body_text)
    withdrawn = str(item.get("pubstatus", "usable")).lower() in WITHDRAWN
    if not blocks and not withdrawn:
        raise ValueError("the item has no body")
    located = item.get("located") or ""
    if isinstance(located, dict):
        located = located.get("name", "")
    dateline, blocks = take_dateline(blocks, str(located))
    summary = _first(item.get("descriptions"), role="summary") or item.get("description_text") or ""
    agency = ""
    for source in item.get("infosources") or item.get("infosource") or []:
        if isinstance(source, dict) and source.get("name"):
            agency = source["name"]
            break
    tags = [
        *_names(item.get("subjects") or item.get("subject")),
        *_names(item.get("people") or item.get("person")),
        *_names(item.get("places") or item.get("place")),
        *_names(item.get("organisations") or item.get("organisation")),
        *_names(item.get("keywords")),
    ]
    published = _time(item.get("firstcreated") or item.get("versioncreated"))
    parsed = ParsedPage(
        headline=headline[:255],
        published=published,
        caption="",
        credit="",
        dateline=dateline[:100],
        body=tuple(blocks),
        tags=tuple(dict.fromkeys(tags)),
    )
    byline = item.get("byline") or item.get("by") or ""
    image_url, image_caption, image_credit = _picture(item.get("associations"))
    return WireItem(
        source_id=wire_source_id(uri),
        parsed=parsed,
        summary=" ".join(str(summary).split())[:400],
        byline=str(byline)[:200],
        agency=str(agency)[:100],
        withdrawn=withdrawn,
        image_url=image_url,
        image_caption=image_caption[:500],
        image_credit=image_credit[:255],
    )


def _picture(associations) -> tuple[str, str, str]:
    """(URL of the largest rendition, caption, credit) of the first associated picture."""
    if isinstance(associations, dict):  # ninjs 1.x: {"featureimage": {...}}
        associations = list(associations.values())
    for association in associations if isinstance(associations, list) else []:
        if not isinstance(association, dict) or association.get("type") != "picture":
            continue
        renditions = association.get("renditions") or []
        if isinstance(renditions, dict):
            renditions = list(renditions.values())
        candidates = [
            r
            for r in renditions
            if isinstance(r, dict) and str(r.get("href", "")).startswith(("http://", "https://"))
        ]
        if not candidates:
            continue
        best = max(candidates, key=lambda r: (r.get("width") or 0) * (r.get("height") or 0))
        caption = _first(association.get("descriptions"), role="caption") or _first(
            association.get("headlines")
        )
        credit = association.get("by") or association.get("copyrightholder") or ""
        return str(best["href"]), " ".join(str(caption).split()), str(credit)
    return "", "", ""
