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
from newsdesk.ingest.wire.body import (
    blocks_from_element,
    blocks_from_html,
    blocks_from_text,
    take_dateline,
    take_teaser,
)
from newsdesk.ingest.wire.text import agency_from_rights, language_code, squash

NAR = "http://iptc.org/std/nar/2006-10-01/"
NS = {"g": NAR, "x": "http://www.w3.org/1999/xhtml"}
WITHDRAWN = {"stat:canceled", "stat:withheld"}
# ``itemMeta/signal`` codes, compared without their scheme alias (agencies alias the
# IPTC's Signal NewsCodes scheme as "sig:" mostly, not always). "correction" marks a
# version that corrects an earlier one (Superdesk and APA's generator write it); "update"
# is an ordinary newer version. IPTC withdraws an item by pubStatus, but some systems send
# a signal instead: those codes unpublish like a canceled pubStatus.
CORRECTION_SIGNALS = {"correction"}
WITHDRAW_SIGNALS = {"kill", "withdraw", "withdrawn", "withdrawal", "delete", "deleted"}
# Text items: NewsML-G2 1.x-2.x agencies write the IPTC's "ninat:text"; some the older
# "icls:text" scheme for the same thing.
TEXT_CLASSES = {None, "ninat:text", "icls:text"}
MAIN_HEADLINE_ROLES = {None, "hld:main", "hld:headline"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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
            batch.add(position, _item(item))
        except ValueError as error:
            batch.errors.append(WireItemError(position, guid, str(error)))
    return batch


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _time(item, path: str) -> datetime | None:
    value = item.findtext(path, "", NS).strip()
    if not value:
        return None
    name = path.rpartition(":")[2]
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name}: '{value}' is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name}: '{value}' has no UTC offset")
    return moment


def _code(qcode: str) -> str:
    """The code of a qcode without its scheme alias: "sig:correction" -> "correction"."""
    return qcode.rpartition(":")[2].strip().lower()


def _signals(item) -> tuple[str, ...]:
    """The item's ``itemMeta/signal`` qcodes (or the last part of their URIs)."""
    found = []
    for signal in item.findall("g:itemMeta/g:signal", NS):
        qcode = (signal.get("qcode") or "").strip()
        if not qcode and signal.get("uri"):
            qcode = "sig:" + signal.get("uri").rstrip("/").rpartition("/")[2]
        if qcode:
            found.append(qcode)
    return tuple(dict.fromkeys(found))


def _source_url(item) -> str:
    """The story on the provider's web site: an ``itemMeta/link`` to a web page whose
    relation says it is this item's own (canonical or alternate)."""
    for link in item.findall("g:itemMeta/g:link", NS):
        href = (link.get("href") or "").strip()
        rel = (link.get("rel") or "").rpartition(":")[2].lower()
        if href.startswith(("http://", "https://")) and rel in {
            "canonical",
            "alternate",
            "seealso",
        }:
            return href
    return ""


def _headlines(meta) -> tuple[str, str]:
    """(main headline, subheadline): the main by its role, else the first."""
    main, sub = "", ""
    for element in meta.findall("g:headline", NS):
        text = _text(element)
        if not text:
            continue
        if element.get("role") in MAIN_HEADLINE_ROLES and not main:
            main = text
        elif not sub:
            sub = text
    if not main:
        main, sub = sub, ""
    return main, sub


def _blocks(item) -> list:
    """The body: XHTML (``inlineXML``) first, then ``inlineData`` as its content type says."""
    inline_xml = item.find("g:contentSet/g:inlineXML", NS)
    if inline_xml is not None:
        body = inline_xml.find(".//x:body", NS)
        return blocks_from_element(body if body is not None else inline_xml)
    for inline_data in item.findall("g:contentSet/g:inlineData", NS):
        text = inline_data.text or ""
        if "html" in (inline_data.get("contenttype") or ""):
            blocks = blocks_from_html(text)
        else:  # text/plain: line breaks are the paragraphs; "<" is just a character
            blocks = blocks_from_text(text)
        if blocks:
            return blocks
    return []


def _item(item) -> WireItem:
    guid = item.get("guid", "").strip()
    if not guid:
        raise ValueError("guid: the newsItem has no guid")
    item_class = item.find("g:itemMeta/g:itemClass", NS)
    if item_class is not None and item_class.get("qcode") not in TEXT_CLASSES:
        raise ValueError(f"itemClass: items of class '{item_class.get('qcode')}' are not stories")
    meta = item.find("g:contentMeta", NS)
    if meta is None:
        raise ValueError("contentMeta: the newsItem has no contentMeta")
    headline, subheadline = _headlines(meta)
    if not headline:
        raise ValueError("headline: the newsItem has no headline")
    status = item.find("g:itemMeta/g:pubStatus", NS)
    withdrawn_by = status.get("qcode", "") if status is not None else ""
    withdrawn_by = withdrawn_by if withdrawn_by in WITHDRAWN else ""
    signals = _signals(item)
    kill_signal = next((s for s in signals if _code(s) in WITHDRAW_SIGNALS), "")
    withdrawn_by = withdrawn_by or kill_signal
    withdrawn = bool(withdrawn_by)
    correction = any(_code(s) in CORRECTION_SIGNALS for s in signals)
    blocks = _blocks(item)
    if not blocks and not withdrawn:
        raise ValueError("contentSet: the newsItem has no text content")
    located_element = meta.find("g:located", NS)
    located = ""
    if located_element is not None:
        located = _text(located_element.find("g:name", NS)) or squash(
            located_element.get("literal", "")
        )
    dateline_text = _text(meta.find("g:dateline", NS))
    dateline, blocks, credit = take_dateline(blocks, located or dateline_text)
    blocks, teaser, teaser_url = take_teaser(blocks)
    summary = ""
    for description in meta.findall("g:description", NS):
        if description.get("role") in (None, "drol:summary"):
            summary = _text(description)
            break
    summary = summary or subheadline
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
    rights = item.find("g:rightsInfo/g:copyrightHolder", NS)
    if rights is not None:
        holder = _text(rights.find("g:name", NS)) or rights.get("literal", "")
        agency = agency or agency_from_rights(holder)
    agency = agency or credit
    creator = _text(meta.find("g:creator/g:name", NS)) or meta.findtext("g:creator", "", NS)
    byline = _text(meta.find("g:by", NS)) or creator
    version_created = _time(item, "g:itemMeta/g:versionCreated")
    published = (
        _time(item, "g:itemMeta/g:firstCreated")
        or _time(meta, "g:contentCreated")
        or version_created
    )
    language = meta.find("g:language", NS)
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
        withdrawn_by=withdrawn_by,
        teaser=teaser,
        source_url=_source_url(item) or teaser_url,
        signals=signals,
        correction=correction,
        correction_note=_text(item.find("g:itemMeta/g:edNote", NS))[:2000] if correction else "",
        version=item.get("version", "").strip(),
        version_created=version_created,
        embargoed_until=_time(item, "g:itemMeta/g:embargoed"),
        language=language_code(
            (language.get("tag") if language is not None else "") or item.get(XML_LANG) or ""
        ),
    )
