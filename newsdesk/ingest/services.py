"""Turn parsed pages into published (or draft) articles, idempotently and atomically."""

from __future__ import annotations

import dataclasses
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticleCorrection, ArticlePage
from newsdesk.articles.services import article_authors_set, article_create
from newsdesk.authors.selectors import author_list_for_byline
from newsdesk.ingest.page_text import NotAnArticle, ParsedPage

# Kept here too: import_page and the demo key scraped pages by it.
from newsdesk.ingest.page_text import source_id_for_page as source_id_for_page
from newsdesk.network.models import SiteSettings
from newsdesk.tags.services import tag_get_or_create


@dataclass(frozen=True)
class ImportResult:
    article: ArticlePage
    status: str  # "created", "updated" or "unchanged"


def body_stream_data(parsed: ParsedPage) -> list[dict]:
    blocks = []
    for block in parsed.body:
        if block.type == "subheading":
            blocks.append({"type": "subheading", "value": block.text})
        else:
            value = block.markup or escape(block.text)
            blocks.append({"type": "paragraph", "value": f"<p>{value}</p>"})
    return blocks


def _stream_without_ids(article: ArticlePage) -> list[dict]:
    return [{"type": b["type"], "value": b["value"]} for b in article.body.get_prep_value()]


def page_time_aware(*, published: datetime | None, section: Page | None) -> datetime | None:
    """A scraped page's time as an aware datetime: a naive (local) time is read in the
    time zone of the site ``section`` belongs to (the default site's without one); a time
    that carries its offset is kept as it is."""
    if published is None:
        return None
    if timezone.is_aware(published):
        return published
    site = section.get_site() if section is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
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
        byline=clean(parsed.byline),
        agency=clean(parsed.agency),
    )


@transaction.atomic
def article_import_parsed(
    *,
    parsed: ParsedPage,
    section: Page,
    source_id: str,
    publish: bool = True,
    extra_fields: dict | None = None,
    correction_note: str = "",
) -> ImportResult:
    """Create or update the article for ``source_id``; one transaction, all or nothing.

    ``extra_fields`` (summary, byline, agency) come from wire items, which carry them.
    ``correction_note``, for a version the source marks as a correction, is added to the
    story's "Corrections and updates" in the same revision as the corrected text.
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
        # A scraped page's byline and agency, when it shows them; wire items bring theirs
        # in ``extra_fields``.
        **{name: getattr(parsed, name) for name in ("byline", "agency") if getattr(parsed, name)},
        **(extra_fields or {}),
    }
    body = body_stream_data(parsed)
    tag_names = list(dict.fromkeys(t.strip().lower() for t in parsed.tags if t.strip()))
    published_at = page_time_aware(published=parsed.published, section=section)

    # A byline that names our own reporters links to their author pages.
    authors = author_list_for_byline(byline=fields.get("byline", ""))
    if article is None:
        article = article_create(
            section=section,
            authors=authors,
            body=body,
            tags=[(name, None) for name in tag_names],
            published_at=published_at,
            publish=publish,
            source_id=source_id,
            **fields,
        )
        return ImportResult(article=article, status="created")

    # Compare with the newest revision, not the page row: a draft's edits and tags live
    # only in its revisions, so the row would differ on every run and add a revision each
    # time.
    current = article.get_latest_revision_as_object()
    current_tags = sorted(tag.name.lower() for tag in current.tags.all())
    same_content = (
        all(getattr(current, name) == value for name, value in fields.items())
        and _stream_without_ids(current) == body
        and current_tags == sorted(tag_names)
        and (not authors or current.authors == authors)
    )
    # Asked to publish, a draft (or a page with unpublished changes) is not "unchanged",
    # unless its newest revision already waits for its scheduled time.
    waiting = article.scheduled_revision is not None
    needs_publish = publish and (not article.live or article.has_unpublished_changes)
    if same_content and not (needs_publish and not waiting):
        return ImportResult(article=article, status="unchanged")
    if same_content:
        (article.get_latest_revision() or article.save_revision(log_action=True)).publish()
        return ImportResult(article=article, status="updated")
    for name, value in fields.items():
        setattr(article, name, value)
    article.body = body
    article.tags.set([tag_get_or_create(name=name) for name in tag_names])
    if authors:
        article_authors_set(article=article, authors=authors)
    if correction_note:
        article.corrections.add(
            ArticleCorrection(kind=ArticleCorrection.Kind.CORRECTION, text=correction_note)
        )
    revision = article.save_revision(log_action=True)
    if publish:
        revision.publish()
    return ImportResult(article=article, status="updated")
