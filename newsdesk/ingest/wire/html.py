"""One HTML article page as a wire item (trafilatura finds the story)."""

from __future__ import annotations

from newsdesk.ingest.html_page import parse_html_page
from newsdesk.ingest.page_text import NotAnArticle, source_id_for_page
from newsdesk.ingest.wire.base import WireBatch, WireItem, WireItemError, wire_source_id

# Error pages ("502 Bad Gateway") and stubs have a headline and a line; stories have more.
MIN_WORDS = 30
TOO_LITTLE_TEXT = "only {words} words of text: not a story"


def parse_html_item(data: bytes, *, url: str = "") -> WireBatch:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    batch = WireBatch()
    try:
        parsed = parse_html_page(text)
    except NotAnArticle as error:
        batch.errors.append(WireItemError(1, url, str(error)))
        return batch
    words = sum(len(block.text.split()) for block in parsed.body)
    if words < MIN_WORDS:
        batch.errors.append(WireItemError(1, url, TOO_LITTLE_TEXT.format(words=words)))
        return batch
    # The page's URL is its id; a file without one is keyed by headline and time.
    source_id = wire_source_id(url) if url.startswith(("http://", "https://")) else ""
    item = WireItem(
        source_id=source_id or source_id_for_page(parsed),
        parsed=parsed,
        source_url=url if url.startswith(("http://", "https://")) else "",
    )
    batch.add(1, item)
    return batch
