"""The shapes every wire reader returns (detection and dispatch are in ``dispatch.py``)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsdesk.ingest.page_text import ParsedPage

FORMATS = ("rss", "ninjs", "newsml", "html")
MAX_SOURCE_ID = 255


class WireFeedError(ValueError):
    """The whole document is unreadable; the message says why."""


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # a scraped page's local time: shown as written
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True)
class WireItem:
    """One story from the wire, ready for ``article_import_parsed``."""

    source_id: str
    parsed: ParsedPage
    summary: str = ""
    byline: str = ""
    agency: str = ""
    withdrawn: bool = False  # the source killed or withheld the story
    # Why it is withdrawn, as the source said it: "stat:canceled", "sig:kill".
    withdrawn_by: str = ""
    # NewsML-G2 ``signal`` qcodes as given ("sig:update", "sig:correction").
    signals: tuple[str, ...] = ()
    correction: bool = False  # this version corrects an error in an earlier one
    correction_note: str = ""  # what the source says it corrected (its edNote), if anything
    image_url: str = ""  # the lead photo, fetched on first import
    image_caption: str = ""
    image_credit: str = ""
    # What the decide step reads: the source's own version number ("" if none), when
    # this version was made, and the time before which it must not be published.
    version: str = ""
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    language: str = ""  # BCP 47 code as the source gives it, or "" if it does not say
    source_url: str = ""  # the story on the source's own site, kept as a link
    teaser: bool = False  # only the start of a story that is read at ``source_url``

    def as_json_dict(self) -> dict:
        """What a dry run shows: the fields read and those that decide the item's fate,
        every time in UTC as ISO 8601 with its offset, whatever the format."""
        payload = {"id": self.source_id, **self.parsed.as_json_dict()}
        payload.update(
            published=_utc(self.parsed.published),
            summary=self.summary,
            byline=self.byline,
            agency=self.agency,
            language=self.language,
            version=self.version,
            version_created=_utc(self.version_created),
            embargoed_until=_utc(self.embargoed_until),
            withdrawn=self.withdrawn,
            withdrawn_by=self.withdrawn_by,
            signals=list(self.signals),
            correction=self.correction,
            teaser=self.teaser,
            source_url=self.source_url,
            image={
                "url": self.image_url,
                "caption": self.image_caption,
                "credit": self.image_credit,
            },
        )
        return payload


@dataclass(frozen=True)
class WireItemError:
    position: int  # 1-based position of the item in the document
    item_id: str
    reason: str
    headline: str = ""


@dataclass
class WireBatch:
    items: list[WireItem] = field(default_factory=list)
    errors: list[WireItemError] = field(default_factory=list)
    # 1-based position in the document of each entry of ``items``, so progress and
    # reports count every item the document holds, read or not.
    positions: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. read leniently

    def add(self, position: int, item: WireItem) -> None:
        self.items.append(item)
        self.positions.append(position)

    @property
    def total(self) -> int:
        return len(self.items) + len(self.errors)


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
