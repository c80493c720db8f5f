"""Turn a plain-text scrape of a news article page (chrome included) into structured data.

The layout this expects, modelled on News24 article pages, is::

    Headline
    [timestamp]
    [photo caption (Photographer, Agency)]        <- often repeated
    [multimedia navigation strip]
    [Place - ]first paragraph
    paragraphs, with short unpunctuated subheadings between them
    [Read more on: tag | tag | ...]
    [Join the conversation! ... comment, profile and sign-in boxes]

The article ends at the tags line or "Join the conversation" (or, failing both, at the first of
the boxes that follow them), and a short list of known chrome lines is dropped wherever it
appears. Missing parts stay empty; nothing is guessed. Standard library only, so it runs
without Django.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

__all__ = ["BodyBlock", "NotAnArticle", "ParsedPage", "parse_page_text", "split_dateline"]


@dataclass(frozen=True)
class BodyBlock:
    """One block of the article body."""

    type: Literal["paragraph", "subheading"]
    text: str
    # The paragraph as safe inline HTML (links, bold, italic) when its source had such
    # markup; "" when it is plain text.
    markup: str = ""


@dataclass(frozen=True)
class ParsedPage:
    """The article parts of a scraped page; absent parts are "", None or ()."""

    headline: str
    # As written on the page: naive (site-local time) unless the page names its zone.
    published: datetime | None
    caption: str
    credit: str
    dateline: str
    body: tuple[BodyBlock, ...]
    tags: tuple[str, ...]
    byline: str = ""  # "By Anita Sharma" above or below the headline, as "Anita Sharma"
    agency: str = ""  # a trailing "- Sapa" or a "(Reuters)" dateline

    def as_json_dict(self) -> dict:
        """Return a JSON-serialisable dict; ``published`` as 'YYYY-MM-DDTHH:MM' (with its
        offset when the page named its zone) or None."""
        published = None
        if self.published:
            published = self.published.strftime("%Y-%m-%dT%H:%M")
            if self.published.tzinfo is not None:
                published = self.published.isoformat(timespec="minutes")
        return {
            "headline": self.headline,
            "published": published,
            "caption": self.caption,
            "credit": self.credit,
            "dateline": self.dateline,
            "body": [{"type": block.type, "text": block.text} for block in self.body],
            "tags": list(self.tags),
            "byline": self.byline,
            "agency": self.agency,
        }


class NotAnArticle(ValueError):
    """The text is not an article page; the message says why."""


# --- Chrome -----------------------------------------------------------------------------------

# The article ends at the first line matching one of these (matched at line start, ignoring
# case). The tags line and "Join the conversation" are the structural end; the rest are the
# boxes that follow them, listed so that pages lacking both still end cleanly.
_END_MARKERS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"read more on:",  # tags line: parsed for tags, then ends the article
        r"join the conversation\b",
        r"comment on this story$",
        r"comments have been closed\b",
        r"\d+ comments?$",
        r"24\.com (?:encourages|publishes)\b",  # comments-policy boilerplate
        r"(?:inside news24|traffic alerts|create profile|location settings|facebook sign-in)$",
        r"related topics:?$",  # BBC
        r"more on this story$",
    )
)
_TAGS_LINE = re.compile(r"read more on:(.*)", re.IGNORECASE)

# The multimedia strip between photo and body. A line made only of these labels and
# separators is chrome, whatever their order or spacing.
_NAV_LABELS = (
    "Multimedia",
    "User Galleries",
    "News in Pictures",
    "Send us your pictures",
    "Send us your stories",
)
_NAV_SEPARATORS = " \u00b7\u2022|/-\u2013"  # middle dot, bullet, bar, slash, dashes

# Other whole chrome lines that can turn up above the article's end.
_CHROME_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"there are\s+new stories\s+on the homepage\b",  # live "new stories" banner
        r"click here to see them\.?$",
        r"(?:share|tweet|email|print)(?: [|\u00b7\u2022] (?:share|tweet|email|print))*$",
    )
)

# --- Text shapes ------------------------------------------------------------------------------

# Accepted timestamp spellings (after any "Published:" label and timezone suffix are removed).
# Slashed day-month dates are day-first, as on South African sites.
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
)
_TIMESTAMP_FORMATS = tuple(
    f"{date}{sep}{time}"
    for date in _DATE_FORMATS
    for sep in (" ", "T", " | ", ", ")  # "14 March 2024 | 10:32" (EWN)
    for time in ("%H:%M", "%H:%M:%S", "%I:%M %p")  # "March 12, 2024 5:41 AM" (Reuters)
)
# A date alone (IOL, BBC, Mail & Guardian) is the start of that day.
_DATE_ONLY_FORMATS = _DATE_FORMATS
_TIMESTAMP_LABEL = re.compile(r"^(?:published|updated|last updated|posted)\s*:?\s*", re.I)
_TIMESTAMP_ZONE = re.compile(
    r"(?:\.\d+)?\s*\(?(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4}"
    r"|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?)?\)?$"
)
_OFFSET = re.compile(r"(?:UTC|GMT)?\s?(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?")
# Zone abbreviations that pages print after a time, with their offsets. Only unambiguous
# ones: "IST" or "CST" mean different zones in different countries and stay site-local.
_ZONE_NAMES = {
    "Z": 0,
    "UTC": 0,
    "GMT": 0,
    "SAST": 2 * 60,  # South Africa
    "CAT": 2 * 60,  # Central Africa
    "EAT": 3 * 60,  # East Africa
    "WAT": 1 * 60,  # West Africa
    "BST": 1 * 60,  # British Summer Time
    "CET": 1 * 60,
    "CEST": 2 * 60,
    "EST": -5 * 60,
    "EDT": -4 * 60,
    "PST": -8 * 60,
    "PDT": -7 * 60,
}

# Lines that start like log records, markup or data: never a headline or body text.
_MACHINE_START = re.compile(
    r"^(?:[\[{<#]|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d{1,2}:\d{2}"
    r"|[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}"
    r"|(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL|TRACE)\b)"
)

# "Tokyo - ", "Washington, DC \u2013 ", "CAPE TOWN \u2014 ": 1-4 capitalised words, then a dash.
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][\w.'\u2019-]*(?:,? [^\W\d_][\w.'\u2019-]*){0,3})"
    # Reuters style: "BENGALURU, March 12 (Reuters) - text": the day before the credit.
    r"(?:, (?P<day>[A-Z][a-z]{2,8}\.? \d{1,2})(?= \())?"
    # Agency style: "GROSSETO, Italy (AP) -- text"; the credit names the agency.
    r"(?: \((?P<credit>[^\W\d_][\w .&'\u2019-]{0,39})\))?"
    r" (?:--|[-\u2013\u2014]) (?P<rest>\S.*)"
)

# "Caption text. (Photographer, Agency)": the trailing parenthesis holds the credit.
_PHOTO_LINE = re.compile(r"(?P<caption>.*\S)\s*\((?P<credit>[^()]+)\)")
_CREDIT = re.compile(r"[^\W\d_][\w .,'\u2019&/:-]*")

# Bylines: "By Anita Sharma", "By Jane Doe and John Roe"; and a name alone.
_NAME_PART = r"[A-Z][\w'\u2019.-]+"
_NAME = re.compile(rf"{_NAME_PART}(?: (?:{_NAME_PART}|van|von|de|der|du|le|la|da|dos)){{1,3}}")
_BYLINE = re.compile(
    rf"(?:By|BY|Von|Par)\s+(?P<name>{_NAME_PART}(?:[ ,&]+(?:and |& )?(?:{_NAME_PART}|van|de|du))*)"
)
_DESK = re.compile(r"[A-Z][\w&.' ]{1,30}, [A-Z][\w.' -]{1,30}")  # "BBC News, Nairobi"
# Photo credits without parentheses: "Picture: SAPA", "Image source, Getty Images".
_CREDIT_LINE = re.compile(
    r"(?i:picture|photo|pic|image|image source|foto)s?\s*[:,]\s*(?P<credit>[^\W\d_].{0,80})"
)
_CAPTION_LABEL = re.compile(r"(?i:image caption|caption),?")
# "CAPE TOWN" alone on a line above the first paragraph.
_OWN_LINE_DATELINE = re.compile(r"[A-Z][A-Z.'\u2019-]+(?:,? [A-Z][A-Z.'\u2019-]+){0,3}")
# Agency copy ends with its sign-off: "- Sapa", "\u2013 AFP", "Reporting by ...".
_AGENCY_SIGN_OFF = re.compile(r"[-\u2013\u2014]\s*(?P<agency>[A-Z][\w&.' ]{1,30})")
_REPORTING_CREDITS = re.compile(r"(?:Reporting|Additional reporting|Writing|Editing) by\b")

# Endings that make a line a sentence rather than a subheading (incl. closing quotes).
_TERMINAL = (".", "!", "?", ":", '"', "'", "\u201d", "\u2019", "\u00bb")
_SUBHEADING_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 25
_CAPTION_MAX_WORDS = 40

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))


def parse_page_text(text: str) -> ParsedPage:
    """Parse a page scrape; raise NotAnArticle if it has no headline or no body paragraph."""
    lines, tags = _article_lines(text)
    published = None
    # Some scrapes put the timestamp above the headline.
    while lines and (stamp := _parse_timestamp(lines[0])):
        published = published or stamp
        lines.pop(0)
    if not lines:
        raise NotAnArticle("no headline: the text is empty or only page chrome")
    header = _Header(published=published)
    # A byline above the headline (Mail & Guardian): a name, then the headline, then the
    # time.
    if (
        len(lines) > 2
        and _NAME.fullmatch(lines[0])
        and _looks_like_headline(lines[1])
        and _parse_timestamp(lines[2])
    ):
        header.byline = lines.pop(0)
    if not _looks_like_headline(lines[0]):
        raise NotAnArticle(f"no headline: first line {lines[0][:60]!r} does not look like one")
    headline = lines.pop(0)
    rest = _read_header(lines, header)
    dateline = ""
    # A dateline on its own line ("CAPE TOWN", EWN) before the first paragraph.
    if len(rest) > 1 and _OWN_LINE_DATELINE.fullmatch(rest[0]):
        dateline = rest.pop(0)
    rest, agency = _without_trailer(rest)
    body = _read_body(rest)
    if not body:
        raise NotAnArticle(f"no body paragraphs after headline {headline[:60]!r}")
    # The first block is always a paragraph: a subheading needs a paragraph before it.
    if not dateline and (match := split_credited_dateline(body[0].text)):
        place, credit, first = match
        dateline, agency = place, agency or credit
        body = (BodyBlock("paragraph", first), *body[1:])
    return ParsedPage(
        headline,
        header.published,
        header.caption,
        header.credit,
        dateline,
        body,
        tags,
        byline=header.byline,
        agency=agency,
    )


def _without_trailer(lines: list[str]) -> tuple[list[str], str]:
    """The body lines without the sign-off that ends agency copy ("- Sapa", "Reporting by
    ...; Editing by ..."), and the agency the sign-off names."""
    agency = ""
    while lines:
        if sign_off := _AGENCY_SIGN_OFF.fullmatch(lines[-1]):
            agency = agency or sign_off["agency"]
        elif not _REPORTING_CREDITS.match(lines[-1]):
            break
        lines = lines[:-1]
    return lines, agency


def _article_lines(text: str) -> tuple[list[str], tuple[str, ...]]:
    """Return the normalised, chrome-free lines before the article's end, and its tags."""
    text = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    tags: tuple[str, ...] = ()
    for raw in text.split("\n"):
        line = " ".join(raw.split())  # str.split() also splits on NBSP and other Unicode spaces
        if not line:
            continue
        if any(marker.match(line) for marker in _END_MARKERS):
            if tags_line := _TAGS_LINE.match(line):
                parts = (part.strip() for part in tags_line.group(1).split("|"))
                tags = tuple(dict.fromkeys(part for part in parts if part))
            break
        if not _is_chrome(line):
            lines.append(line)
    return lines, tags


def _is_chrome(line: str) -> bool:
    """Whether a line is navigation or a banner rather than article text."""
    if any(pattern.match(line) for pattern in _CHROME_LINES):
        return True
    rest = line
    for label in _NAV_LABELS:
        rest = re.sub(re.escape(label), " ", rest, flags=re.IGNORECASE)
    return rest != line and not rest.strip(_NAV_SEPARATORS)


@dataclass
class _Header:
    caption: str = ""
    credit: str = ""
    byline: str = ""
    published: datetime | None = None


def _read_header(lines: list[str], header: _Header) -> list[str]:
    """Consume timestamp, byline, credit and photo lines after the headline into
    ``header``; return the rest."""
    seen_photo: set[str] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        stamp = _parse_timestamp(line)
        if stamp or line in seen_photo:
            header.published = header.published or stamp
            index += 1
            continue
        if byline := _BYLINE.fullmatch(line):
            header.byline = header.byline or byline["name"]
            index += 1
            # "BBC News, Nairobi" under the byline: the reporter's desk, not text.
            if following and _DESK.fullmatch(following):
                index += 1
            continue
        if following and _NAME.fullmatch(line) and _parse_timestamp(following):
            header.byline = header.byline or line  # "Kevin Brandt" above the time (EWN)
            index += 1
            continue
        if credit_line := _CREDIT_LINE.fullmatch(line):
            header.credit = header.credit or credit_line["credit"]
            index += 1
            continue
        if _CAPTION_LABEL.fullmatch(line) and following:
            header.caption = header.caption or following  # "Image caption," (BBC)
            seen_photo.add(following)
            index += 2
            continue
        photo = _split_photo_line(line)
        if photo is None and line == following and _could_be_caption(line):
            photo = (line, "")  # an uncredited caption, recognisable only by its repeat
        if photo is None:
            break
        if not seen_photo:
            header.caption, header.credit = photo
        seen_photo.add(line)
        index += 1
    return lines[index:]


def _read_body(lines: list[str]) -> tuple[BodyBlock, ...]:
    """Classify body lines into paragraphs and subheadings, dropping stray fragments."""
    without_photos = []
    skip_next = False
    for line in lines:
        if skip_next:
            skip_next = False
            continue
        if _CAPTION_LABEL.fullmatch(line):
            skip_next = True  # "Image caption," and the caption under it (BBC)
            continue
        if _CREDIT_LINE.fullmatch(line):
            continue
        without_photos.append(line)
    kept = [(kind, line) for line in without_photos if (kind := _classify(line))]
    blocks = []
    for index, (kind, line) in enumerate(kept):
        if kind == "paragraph":
            blocks.append(BodyBlock("paragraph", line))
        elif 0 < index < len(kept) - 1 and kept[index - 1][0] == kept[index + 1][0] == "paragraph":
            blocks.append(BodyBlock("subheading", line))
        # Other short unpunctuated lines (bylines, widget labels, sign-offs) are not body text.
    return tuple(blocks) if any(block.type == "paragraph" for block in blocks) else ()


def _classify(line: str) -> str | None:
    """Return "paragraph", "short" (possible subheading) or None for non-prose."""
    if not _is_prose(line):
        return None
    if len(line.split()) <= _SUBHEADING_MAX_WORDS and not line.endswith(_TERMINAL):
        return "short"
    return "paragraph"


def _is_prose(line: str) -> bool:
    """Whether a line reads like human text: mostly letters, not a log record or data."""
    chars = line.replace(" ", "")
    letters = sum(char.isalpha() for char in chars)
    return letters >= 2 and letters >= 0.6 * len(chars) and not _MACHINE_START.match(line)


def _looks_like_headline(line: str) -> bool:
    """Whether a line can be a headline: short prose not ending mid-sentence."""
    return (
        len(line.split()) <= _HEADLINE_MAX_WORDS
        and _is_prose(line)
        and not line.endswith((":", ";", ","))
    )


def _could_be_caption(line: str) -> bool:
    """Whether a line is short prose that does not open like a first paragraph."""
    return len(line.split()) <= _CAPTION_MAX_WORDS and _is_prose(line) and not split_dateline(line)


def _zone(text: str | None) -> timezone | None:
    """The fixed offset a page's zone suffix names ("SAST", "GMT+2", "+02:00"), or None."""
    if not text:
        return None
    if text in _ZONE_NAMES:
        return timezone(timedelta(minutes=_ZONE_NAMES[text]))
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    minutes = int(match["hours"]) * 60 + int(match["minutes"] or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if match["sign"] == "-" else minutes))


def _parse_timestamp(line: str) -> datetime | None:
    """Parse a line that is only a timestamp or a date. A time followed by a zone the
    page names ("SAST", "GMT+2", "+02:00") is returned with that offset; otherwise it is
    naive, as written: the site's local time, which the importer attaches."""
    value = _TIMESTAMP_LABEL.sub("", line)
    zone_match = _TIMESTAMP_ZONE.search(value)
    # An abbreviation we cannot be sure of ("IST", "CST") leaves the time site-local.
    zone_text = zone_match["zone"] if zone_match else None
    value = value[: zone_match.start()].strip() if zone_match else value.strip()
    for fmt in _TIMESTAMP_FORMATS:
        try:
            moment = datetime.strptime(value, fmt)  # noqa: DTZ007 - zone attached below
        except ValueError:
            continue
        zone = _zone(zone_text)
        return moment.replace(tzinfo=zone) if zone else moment
    for fmt in _DATE_ONLY_FORMATS:
        try:
            # A date alone is the start of that day in the site's zone, whatever suffix.
            return datetime.strptime(value, fmt)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _split_photo_line(line: str) -> tuple[str, str] | None:
    """Split "caption (credit)" if the parenthesis looks like a photo credit."""
    match = _PHOTO_LINE.fullmatch(line)
    if not match:
        return None
    caption, credit = match["caption"].strip(), match["credit"].strip()
    # A first paragraph may also end in "(AFP)"; only a short, dateline-free line counts.
    if (
        _CREDIT.fullmatch(credit)
        and credit[0].isupper()
        and len(credit.split()) <= 8
        and _could_be_caption(caption)
    ):
        return caption, credit
    return None


def split_dateline(text: str) -> tuple[str, str] | None:
    """Split "Place - text" into (place, text) when Place is 1-4 capitalised words."""
    split = split_credited_dateline(text)
    return None if split is None else (split[0], split[2])


def split_credited_dateline(text: str) -> tuple[str, str, str] | None:
    """(place, credit, text) of "Place - text" or "PLACE, Country (AP) -- text";
    the credit is "" when the dateline names no agency."""
    match = _DATELINE.match(text)
    if not match:
        return None
    place = match["place"]
    if not all(word[0].isupper() for word in place.replace(",", " ").split()):
        return None
    return place, (match["credit"] or "").strip(), match["rest"]


def source_id_for_page(parsed: ParsedPage) -> str:
    """A stable key for a scraped story: the same headline and time are the same story."""
    published = parsed.published.isoformat() if parsed.published else ""
    digest = hashlib.sha256(f"{parsed.headline}\n{published}".encode()).hexdigest()[:24]
    return f"page:{digest}"
