"""IPTC NewsML-G2 text items: a ``newsItem``, or a ``newsMessage`` holding several.

Parsed with lxml with entities, DTDs and the network switched off, so a hostile document
cannot read files or make requests (XXE) or blow up memory (billion laughs).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from newsdesk.ingest.page_text import ParsedPage
from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
    wire_source_id,
)
from newsdesk.ingest.wire.body import blocks_from_element, blocks_from_html, take_dateline

NAR = "http://iptc.org/std/nar/2006-10-01/"
NS = {"g": NAR, "x": "http://www.w3.org/1999/xhtml"}
WITHDRAWN = {"stat:canceled", "stat:withheld"}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_newsml(data: bytes) -> WireBatch:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        raise WireFeedError(f"not well-formed XML: {error}") from None
    if root.tag == f"{{{NAR}}}newsItem":
        items = [root]
    elif root.tag == f"{{{NAR}}}newsMessage":
        items = root.findall("g:itemSet/g:newsItem", NS)
    else:
        raise WireFeedError(f"not a NewsML-G2 newsItem or newsMessage (root is {root.tag})")
    batch = WireBatch()
    for position, item in enumerate(items, start=1):
        guid = item.get("guid", "")
        try:
            batch.items.append(_item(item))
        except ValueError as error:
            batch.errors.append(WireItemError(position, guid, str(error)))
    return batch


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO 8601 time") from None


def _item(item) -> WireItem:
    guid = item.get("guid", "").strip()
    if not guid:
        raise ValueError("the newsItem has no guid")
    item_class = item.find("g:itemMeta/g:itemClass", NS)
    if item_class is not None and item_class.get("qcode") not in (None, "ninat:text"):
        raise ValueError(f"items of class '{item_class.get('qcode')}' are not stories")
    meta = item.find("g:contentMeta", NS)
    if meta is None:
        raise ValueError("the newsItem has no contentMeta")
    headline = _text(meta.find("g:headline", NS))
    if not headline:
        raise ValueError("the newsItem has no headline")
    status = item.find("g:itemMeta/g:pubStatus", NS)
    withdrawn = status is not None and status.get("qcode") in WITHDRAWN
    blocks = []
    inline_xml = item.find("g:contentSet/g:inlineXML", NS)
    if inline_xml is not None:
        body = inline_xml.find(".//x:body", NS)
        blocks = blocks_from_element(body if body is not None else inline_xml)
    else:
        inline_data = item.find("g:contentSet/g:inlineData", NS)
        if inline_data is not None:
            blocks = blocks_from_html(inline_data.text or "")
    if not blocks and not withdrawn:
        raise ValueError("the newsItem has no text content")
    located = _text(meta.find("g:located/g:name", NS))
    dateline_text = _text(meta.find("g:dateline", NS))
    dateline, blocks, credit = take_dateline(blocks, located or dateline_text)
    summary = ""
    for description in meta.findall("g:description", NS):
        if description.get("role") in (None, "drol:summary"):
            summary = _text(description)
            break
    tags = []
    for subject in [*meta.findall("g:subject", NS), *meta.findall("g:keyword", NS)]:
        name = _text(subject.find("g:name", NS)) if len(subject) else _text(subject)
        if name:
            tags.append(name.lower())
    provider = item.find("g:itemMeta/g:provider", NS)
    agency = ""
    if provider is not None:
        agency = _text(provider.find("g:name", NS)) or provider.get("literal", "")
        agency = agency or provider.get("qcode", "").partition(":")[2]
    agency = agency or credit
    creator = _text(meta.find("g:creator/g:name", NS)) or meta.findtext("g:creator", "", NS)
    byline = _text(meta.find("g:by", NS)) or creator
    published = _time(
        item.findtext("g:itemMeta/g:firstCreated", "", NS)
        or meta.findtext("g:contentCreated", "", NS)
        or item.findtext("g:itemMeta/g:versionCreated", "", NS)
    )
    parsed = ParsedPage(
        headline=headline[:255],
        published=published,
        caption="",
        credit="",
        dateline=dateline[:100],
        body=tuple(blocks),
        tags=tuple(dict.fromkeys(tags)),
    )
    return WireItem(
        source_id=wire_source_id(guid),
        parsed=parsed,
        summary=summary[:400],
        byline=byline.removeprefix("By ").removeprefix("by ")[:200],
        agency=agency[:100],
        withdrawn=withdrawn,
    )
