"""Turn an HTML article page into a ParsedPage, with trafilatura finding the story."""

from __future__ import annotations

from datetime import datetime

import trafilatura

from newsdesk.ingest.page_text import BodyBlock, NotAnArticle, ParsedPage, split_dateline

MAX_SUBHEADING_WORDS = 12
DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",  # %z is empty for a time without an offset
    "original_date": True,  # first published, not last modified
    "extensive_search": True,
}


def looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<article" in head


def _published(value: str | None) -> datetime | None:
    """The page's publication time: with its offset when the page gives one, else naive
    (site-local, attached by the importer)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_html_page(html: str) -> ParsedPage:
    """Extract the headline, date, body paragraphs and tags of an HTML article."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # htmldate gives a date alone unless asked for the time and offset the page has.
        date_extraction_params=DATE_PARAMS,
    )
    if document is None:
        raise NotAnArticle("no article text found in the HTML")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    headline = (data.get("title") or "").strip()
    lines = [line.strip() for line in (data.get("text") or "").splitlines() if line.strip()]
    if not headline:
        raise NotAnArticle("no headline")
    # trafilatura keeps the <h1> in the text; the headline is not part of the body.
    while lines and lines[0].casefold() == headline.casefold():
        lines.pop(0)
    if not lines:
        raise NotAnArticle("no body paragraphs")
    dateline = ""
    split = split_dateline(lines[0])
    if split:
        dateline, lines[0] = split
    blocks = []
    for index, line in enumerate(lines):
        is_heading = (
            0 < index < len(lines) - 1
            and len(line.split()) <= MAX_SUBHEADING_WORDS
            and not line.endswith((".", "!", "?", ":", '"', "”"))
        )
        blocks.append(BodyBlock("subheading" if is_heading else "paragraph", line))
    tags = tuple(
        tag.strip().lower()
        for tag in (data.get("tags") or data.get("categories") or "").split(",")
        if tag.strip()
    )
    return ParsedPage(
        headline=headline,
        published=_published(data.get("date")),
        caption="",
        credit="",
        dateline=dateline,
        body=tuple(blocks),
        tags=tags,
    )
