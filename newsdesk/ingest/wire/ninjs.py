"""IPTC ninjs (News in JSON) items, versions 1.x and 2.x.

A document is one item, a list of items, or an object with an ``items`` list. 2.x names
(``headlines``, ``bodies``, ``descriptions``) and 1.x names (``headline`` and the
``body_*``/``description_*`` properties named for their format: ``body_html``,
``body_xhtml``, ``body_text``, ``description_text``, ...) are both read. An HTML body is
preferred to a plain-text one; bodies in other formats (NITF or other XML) are not read.
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
from newsdesk.ingest.wire.body import (
    blocks_from_html,
    blocks_from_text,
    summary_text,
    take_dateline,
    take_teaser,
)
from newsdesk.ingest.wire.ninjs_schema import ninjs_errors
from newsdesk.ingest.wire.text import agency_from_rights, language_code, squash

WITHDRAWN = {"canceled", "cancelled", "withheld"}
# Association types that are photos (ninjs "type", IPTC NewsCodes ninature).
PICTURE_TYPES = {"picture", "graphic"}
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
            batch.add(position, _item(item))
        except ValueError as error:
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


def _is_markup(contenttype: str) -> bool:
    return "html" in contenttype.lower()  # text/html, application/xhtml+xml


def _of_kind(values, *, markup: bool) -> str:
    """The first 2.x ``bodies`` value that is HTML (``markup``) or plain text (not)."""
    if not isinstance(values, list):
        return ""
    for value in values:
        if not isinstance(value, dict) or not isinstance(value.get("value"), str):
            continue
        contenttype = str(value.get("contenttype") or "")
        plain = not contenttype or contenttype.lower().startswith("text/plain")
        if (_is_markup(contenttype) if markup else plain) and value["value"].strip():
            return value["value"]
    return ""


def _named(item: dict, prefix: str, *, markup: bool) -> str:
    """The first 1.x ``prefix + format`` property (``body_xhtml``, ``body_text``, ...)
    whose format is HTML (``markup``) or text (not); other formats are skipped."""
    for key, value in item.items():
        if not key.startswith(prefix) or not isinstance(value, str) or not value.strip():
            continue
        kind = key[len(prefix) :].lower()
        if ("html" in kind) if markup else ("text" in kind and "html" not in kind):
            return value
    return ""


def _time(item: dict, name: str) -> datetime | None:
    value = item.get(name)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name}: '{value}' is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name}: '{value}' has no UTC offset")
    return moment


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
        raise ValueError("(the item): not a JSON object")
    problems = ninjs_errors(item)
    if problems:
        raise ValueError("; ".join(problems))
    uri = str(item.get("uri") or "").strip()
    if not uri:
        raise ValueError("uri: the item has no uri")
    if item.get("type", "text") not in {"text", "composite"}:
        raise ValueError(f"type: items of type '{item.get('type')}' are not stories")
    headline = squash(_first(item.get("headlines"), role="main") or item.get("headline") or "")
    if not headline:
        raise ValueError("headline: the item has no headline")
    body_html = _of_kind(item.get("bodies"), markup=True) or _named(item, "body_", markup=True)
    body_text = _of_kind(item.get("bodies"), markup=False) or _named(item, "body_", markup=False)
    blocks = blocks_from_html(body_html) if body_html else blocks_from_text(body_text)
    pubstatus = str(item.get("pubstatus", "usable")).lower()
    withdrawn = pubstatus in WITHDRAWN
    if not blocks and not withdrawn:
        raise ValueError("body: the item has no body")
    located = item.get("located") or ""
    if isinstance(located, dict):
        located = located.get("name", "")
    dateline, blocks, credit = take_dateline(blocks, str(located))
    blocks, teaser, teaser_url = take_teaser(blocks)
    summary = summary_text(
        _first(item.get("descriptions"), role="summary")
        or _named(item, "description_", markup=False)
        or _named(item, "description_", markup=True)
    )
    agency = ""
    for source in item.get("infosources") or item.get("infosource") or []:
        if isinstance(source, dict) and source.get("name"):
            agency = source["name"]
            break
    agency = agency or credit or agency_from_rights(item.get("copyrightholder") or "")
    tags = [
        *_names(item.get("subjects") or item.get("subject")),
        *_names(item.get("people") or item.get("person")),
        *_names(item.get("places") or item.get("place")),
        *_names(item.get("organisations") or item.get("organisation")),
        *_names(item.get("keywords")),
    ]
    version_created = _time(item, "versioncreated")
    published = _time(item, "firstcreated") or _time(item, "contentcreated") or version_created
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
        summary=summary,
        byline=squash(byline)[:200],
        agency=squash(agency)[:100],
        withdrawn=withdrawn,
        withdrawn_by=pubstatus if withdrawn else "",
        teaser=teaser,
        source_url=_source_url(item) or teaser_url,
        image_url=image_url,
        image_caption=image_caption[:500],
        image_credit=image_credit[:255],
        version=str(item.get("version") or ""),
        version_created=version_created,
        embargoed_until=_time(item, "embargoed"),
        language=language_code(item.get("language")),
    )


def _source_url(item: dict) -> str:
    """The story on the provider's site: a ninjs 2.x ``links`` entry that is the item's
    own web page (rel "canonical", "self" or "alternate"). The ``uri`` is an identifier,
    not a page, even when it looks like a URL."""
    for link in item.get("links") or []:
        if not isinstance(link, dict):
            continue
        href, rel = str(link.get("href") or ""), str(link.get("rel") or "").lower()
        if href.startswith(("http://", "https://")) and rel.rpartition("/")[2] in {
            "canonical",
            "self",
            "alternate",
        }:
            return href
    return ""


def _picture(associations) -> tuple[str, str, str]:
    """(URL of the largest rendition, caption, credit) of the first associated picture."""
    if isinstance(associations, dict):  # ninjs 1.x: {"featureimage": {...}}
        associations = list(associations.values())
    for association in associations if isinstance(associations, list) else []:
        if not isinstance(association, dict) or not _is_picture(association):
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
        credit = (
            association.get("by")
            or association.get("byline")
            or association.get("copyrightholder")
            or ""
        )
        return str(best["href"]), squash(str(caption)), squash(str(credit))
    return "", "", ""


def _is_picture(association: dict) -> bool:
    """A photo or graphic: by its ninjs ``type``, else by an image media type."""
    kind = association.get("type")
    if kind:
        return kind in PICTURE_TYPES
    media_type = str(association.get("mimetype") or association.get("contenttype") or "")
    return media_type.startswith("image/")
