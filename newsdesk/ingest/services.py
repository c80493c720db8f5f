"""Turn parsed pages into published (or draft) articles, idempotently and atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_tags
from newsdesk.articles.services import article_create
from newsdesk.ingest.page_text import NotAnArticle, ParsedPage
from newsdesk.network.models import SiteSettings
from newsdesk.tags.services import tag_get_or_create


@dataclass(frozen=True)
class ImportResult:
    article: ArticlePage
    status: str  # "created", "updated" or "unchanged"


def source_id_for_page(parsed: ParsedPage) -> str:
    """A stable key for a scraped story: the same headline and time are the same story."""
    published = parsed.published.isoformat() if parsed.published else ""
    digest = hashlib.sha256(f"{parsed.headline}\n{published}".encode()).hexdigest()[:24]
    return f"page:{digest}"


def body_stream_data(parsed: ParsedPage) -> list[dict]:
    blocks = []
    for block in parsed.body:
        if block.type == "subheading":
            blocks.append({"type": "subheading", "value": block.text})
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{escape(block.text)}</p>"})
    return blocks


def _stream_without_ids(article: ArticlePage) -> list[dict]:
    return [{"type": b["type"], "value": b["value"]} for b in article.body.get_prep_value()]


def _aware(published: datetime | None, *, section: Page) -> datetime | None:
    """The page's local time, read in the time zone of the site the section belongs to."""
    if published is None:
        return None
    if timezone.is_aware(published):
        return published
    site = section.get_site()
    zone = SiteSettings.for_site(site).time_zone if site else timezone.get_default_timezone_name()
    return published.replace(tzinfo=zoneinfo.ZoneInfo(zone))


# C0 control characters other than tab and newlines: PostgreSQL refuses NUL in text, and
# XML (feeds, sitemaps) refuses them all. Scrapes and wires do carry them.
_CONTROL_CHARACTERS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")


def parsed_without_control_characters(parsed: ParsedPage) -> ParsedPage:
    def clean(value: str) -> str:
        return value.translate(_CONTROL_CHARACTERS)

    return dataclasses.replace(
        parsed,
        headline=clean(parsed.headline),
        caption=clean(parsed.caption),
        credit=clean(parsed.credit),
        dateline=clean(parsed.dateline),
        body=tuple(dataclasses.replace(b, text=clean(b.text)) for b in parsed.body),
        tags=tuple(clean(tag) for tag in parsed.tags),
    )


@transaction.atomic
def article_import_parsed(
    *,
    parsed: ParsedPage,
    section: Page,
    source_id: str,
    publish: bool = True,
    extra_fields: dict | None = None,
) -> ImportResult:
    """Create or update the article for ``source_id``; one transaction, all or nothing.

    ``extra_fields`` (summary, byline, agency) come from wire items, which carry them.
    """
    parsed = parsed_without_control_characters(parsed)
    if not parsed.headline.strip():
        raise NotAnArticle("no headline once control characters are removed")
    article = ArticlePage.objects.filter(source_id=source_id).first()
    fields = {
        "title": parsed.headline,
        "dateline": parsed.dateline,
        "lead_image_caption": parsed.caption,
        "lead_image_credit": parsed.credit,
        **(extra_fields or {}),
    }
    body = body_stream_data(parsed)
    tag_names = list(dict.fromkeys(t.strip().lower() for t in parsed.tags if t.strip()))
    published_at = _aware(parsed.published, section=section)

    if article is None:
        article = article_create(
            section=section,
            body=body,
            tags=[(name, None) for name in tag_names],
            published_at=published_at,
            publish=publish,
            source_id=source_id,
            **fields,
        )
        return ImportResult(article=article, status="created")

    current_tags = [tag.name.lower() for tag in article_tags(article=article)]
    unchanged = (
        all(getattr(article, name) == value for name, value in fields.items())
        and _stream_without_ids(article) == body
        and current_tags == tag_names
    )
    if unchanged:
        return ImportResult(article=article, status="unchanged")
    for name, value in fields.items():
        setattr(article, name, value)
    article.body = body
    article.tags.set([tag_get_or_create(name=name) for name in tag_names])
    revision = article.save_revision(log_action=True)
    if publish:
        revision.publish()
    return ImportResult(article=article, status="updated")
