"""RSS 0.9x/1.0/2.0 and Atom feeds, through feedparser.

A feed that is not well-formed XML (feedparser's *bozo* flag; typically a download cut
short) is refused whole unless the operator asks for lenient reading: the entries
feedparser salvages from a truncated document may themselves be cut, and storing them
would replace live stories with shorter text.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser
import lxml.html
from lxml import etree

from newsdesk.ingest.page_text import ParsedPage
from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
    wire_source_id,
)
from newsdesk.ingest.wire.body import blocks_from_html, summary_text, take_dateline, take_teaser
from newsdesk.ingest.wire.text import (
    agency_from_rights,
    credit_text,
    language_code,
    plain_text,
    squash,
)

NOT_WELL_FORMED = (
    "the feed is not well-formed XML ({reason}), perhaps cut short; nothing was imported "
    "(use lenient mode to read what can be read)"
)
# Problems feedparser reports that leave the document whole: a charset label that
# disagrees with the bytes, or a server's Content-Type.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _time(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)


def _detail_text(entry, name: str) -> str:
    """A text construct as plain text, read as HTML only when the feed says it is."""
    detail = entry.get(f"{name}_detail") or {}
    markup = "html" in str(detail.get("type", "text/plain"))
    return plain_text(entry.get(name) or "", markup=markup)


def _feed_agency(feed) -> str:
    """The agency a feed names for all its items: publisher, author, else copyright."""
    meta = feed.feed
    for detail in ("publisher_detail", "author_detail"):
        name = squash((meta.get(detail) or {}).get("name", ""))
        if name and "@" not in name:
            return name
    return agency_from_rights(_detail_text(meta, "rights"))


MEDIA_RSS = "http://search.yahoo.com/mrss/"
# The elements that are a feed's items, in RSS 0.9x/2.0 (no namespace), 0.90, 1.0 and Atom.
_ITEM_TAGS = {
    "item",
    "{http://my.netscape.com/rdf/simple/0.9/}item",
    "{http://purl.org/rss/1.0/}item",
    "{http://www.w3.org/2005/Atom}entry",
}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


def _media_descriptions(data: bytes, *, entries: int) -> list[list[str]]:
    """Each item's ``media:description`` texts, in document order: the caption of its
    Media RSS photo.

    feedparser does not keep them apart: it files a ``media:description`` among the
    entry's ``content``, where it would pass for the story's text. So they are read here
    from the document, item by item, and only when the items line up one to one with
    feedparser's entries (otherwise none is used).
    """
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return [[] for _ in range(entries)]
    if root is None:
        return [[] for _ in range(entries)]
    found = []
    for element in root.iter(*_ITEM_TAGS):
        texts = []
        for description in element.iter(f"{{{MEDIA_RSS}}}description"):
            markup = description.get("type") == "html"
            text = plain_text(description.text or "", markup=markup)
            if text:
                texts.append(text)
        found.append(texts)
    return found if len(found) == entries else [[] for _ in range(entries)]


def parse_rss(data: bytes, *, lenient: bool = False) -> WireBatch:
    # feedparser's own sanitiser would strip the data-* attributes that carry photo
    # credits; nothing of the markup is stored as such (wire.body keeps text only).
    feed = feedparser.parse(data, sanitize_html=False)
    batch = WireBatch()
    problem = feed.get("bozo_exception") if feed.bozo else None
    if problem is not None and not isinstance(problem, _HARMLESS):
        if not lenient or not feed.entries:
            raise WireFeedError(NOT_WELL_FORMED.format(reason=problem))
        batch.warnings.append(f"read leniently although not well-formed: {problem}")
    if not feed.get("version") and not feed.entries:
        raise WireFeedError("not an RSS or Atom feed")
    agency = _feed_agency(feed)
    language = language_code(feed.feed.get("language", ""))
    captions = _media_descriptions(data, entries=len(feed.entries))
    for position, (entry, media_descriptions) in enumerate(
        zip(feed.entries, captions, strict=True), start=1
    ):
        item_id = entry.get("id") or entry.get("link") or ""
        try:
            item = _item(
                entry,
                item_id=item_id,
                agency=agency,
                language=language,
                media_descriptions=media_descriptions,
            )
            batch.add(position, item)
        except ValueError as error:
            headline = _detail_text(entry, "title")
            batch.errors.append(WireItemError(position, item_id, str(error), headline))
    return batch


def _item(
    entry, *, item_id: str, agency: str, language: str, media_descriptions: list[str]
) -> WireItem:
    if not item_id:
        raise ValueError("guid: the item has neither a guid nor a link")
    headline = _detail_text(entry, "title")
    if not headline:
        raise ValueError("title: the item has no title")
    # feedparser lists media:description among the content: a photo caption, not the story.
    content = [
        c
        for c in entry.get("content") or []
        if plain_text(c.get("value", ""), markup="html" in str(c.get("type")))
        not in media_descriptions
    ]
    full = max((c.get("value", "") for c in content), key=len, default="")
    summary_html = entry.get("summary", "")
    blocks = blocks_from_html(full or summary_html)
    if not blocks:
        raise ValueError("description: the item has no text")
    dateline, blocks, dateline_credit = take_dateline(blocks)
    # A "PLACE (AP) --" dateline names the agency of this item; the feed's names all.
    agency = dateline_credit or agency
    link = entry.get("link", "")
    blocks, teaser, teaser_url = take_teaser(blocks)
    link = link if _web(link) else teaser_url
    tags = tuple(
        " ".join(tag.get("term", "").split()).lower()
        for tag in entry.get("tags", [])
        if tag.get("term", "").strip()
    )
    image_url, image_caption, image_credit = _picture(entry, full, media_descriptions)
    parsed = ParsedPage(
        headline=headline[:255],
        published=_time(entry.get("published_parsed") or dict.get(entry, "updated_parsed")),
        caption=image_caption[:500],
        credit=image_credit[:255],
        dateline=dateline[:100],
        body=tuple(blocks),
        tags=tags,
    )
    title_language = (entry.get("title_detail") or {}).get("language")
    return WireItem(
        source_id=wire_source_id(item_id),
        parsed=parsed,
        # feedparser copies an Atom entry's content into its summary when it has none.
        summary=summary_text(summary_html) if full and summary_html != full else "",
        byline=_byline(entry)[:200],
        agency=agency[:100],
        image_url=image_url,
        image_caption=image_caption[:500],
        image_credit=image_credit[:255],
        # Read past FeedParserDict's mapping, which would answer with the publish time.
        version_created=_time(dict.get(entry, "updated_parsed")),
        language=language_code(entry.get("language") or title_language or "") or language,
        source_url=link if _web(link) else "",
        teaser=teaser,
    )


def _byline(entry) -> str:
    """The author's name: RSS 2.0 ``<author>`` is "email (Name)", and an address alone is
    no byline (``dc:creator`` and Atom ``<name>`` are names already)."""
    name = (entry.get("author_detail") or {}).get("name") or entry.get("author") or ""
    name = " ".join(name.split())
    return "" if "@" in name and " " not in name else name


def _web(url) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def _picture(entry, content_html: str, media_descriptions: list[str]) -> tuple[str, str, str]:
    """(URL, caption, credit) of the lead photo: ``media:content`` or ``media:thumbnail``
    (Media RSS) captioned by the item's first ``media:description``, an image enclosure,
    else the first ``<figure>`` of the content."""
    credits = entry.get("media_credit") or []
    credit = credit_text(credits[0].get("content", "")) if credits else ""
    caption = media_descriptions[0] if media_descriptions else ""
    for media in entry.get("media_content") or []:
        kind = media.get("medium") or media.get("type", "").split("/")[0]
        if kind == "image" and _web(media.get("url")):
            return media["url"], caption, credit
    for thumbnail in entry.get("media_thumbnail") or []:
        if _web(thumbnail.get("url")):
            return thumbnail["url"], caption, credit
    for link in entry.get("enclosures") or []:
        if link.get("type", "").startswith("image/") and _web(link.get("href")):
            return link["href"], caption, credit
    return _figure(content_html)


def _figure(markup: str) -> tuple[str, str, str]:
    """The first ``<figure><img>`` of HTML content: its caption from ``<figcaption>``, its
    credit from ``data-portal-copyright`` (as portals write it) or a figcaption credit."""
    if "<figure" not in (markup or ""):
        return "", "", ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return "", "", ""
    for figure in root.iter("figure"):
        image = next((img for img in figure.iter("img") if _web(img.get("src"))), None)
        if image is None:
            continue
        credit = image.get("data-portal-copyright") or figure.get("data-portal-copyright") or ""
        caption_element = next(figure.iter("figcaption"), None)
        caption = ""
        if caption_element is not None:
            for small in caption_element.xpath(".//*[contains(@class, 'credit')] | .//small"):
                credit = credit or squash(small.text_content())
                small.drop_tree()
            caption = squash(caption_element.text_content())
        credit = credit_text(credit)
        caption = caption or squash(image.get("alt", ""))
        return image.get("src"), caption, credit_text(credit)
    return "", "", ""
