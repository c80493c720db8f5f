"""Writes for wire ingest: a document's items into articles, and polling sources.

Every item is imported in its own transaction (``article_import_parsed``), so a bad item
stores nothing and the others still arrive; a document that cannot be fetched or read
stores nothing at all. Either way the reason is reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.ingest.fetch import Fetcher, FetchError, fetcher_get
from newsdesk.ingest.images import WireImageError, wire_image_check, wire_image_create
from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.services import ImportResult, article_import_parsed
from newsdesk.ingest.wire import WireFeedError, WireItem, parse_wire

logger = logging.getLogger("newsdesk.ingest")

NO_SECTION = "the source has no section (was it deleted?): choose one in the admin"

Progress = Callable[[int, int, WireItem, str], None]


@dataclass
class IngestReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but e.g. without its photo
    failed: bool = False  # the whole document was unreadable

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def summary(self) -> str:
        if self.failed:
            return f"failed: {self.errors[0]}" if self.errors else "failed"
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged" + (
            f", {self.withdrawn} withdrawn" if self.withdrawn else ""
        )
        text += f", {len(self.errors)} not imported" if self.errors else ""
        return text + (f", {len(self.warnings)} warning(s)" if self.warnings else "")


@transaction.atomic
def wire_item_import(
    *, item: WireItem, section: Page, publish: bool, image_data: bytes | None = None
) -> ImportResult | None:
    """Create, update or (for a killed item) unpublish the article for one wire item.

    ``image_data`` is the item's lead photo, already fetched and checked.
    """
    if item.withdrawn:
        article = ArticlePage.objects.filter(source_id=item.source_id).first()
        if article is None:
            return None
        if article.live:
            article.unpublish(log_action=True)
        return ImportResult(article=article, status="withdrawn")
    extra_fields = {"summary": item.summary, "byline": item.byline, "agency": item.agency}
    if image_data is not None:
        extra_fields["lead_image"] = wire_image_create(
            data=image_data,
            url=item.image_url,
            title=item.parsed.headline,
            caption=item.image_caption,
            credit=item.image_credit,
        )
    return article_import_parsed(
        parsed=item.parsed,
        section=section,
        source_id=item.source_id,
        publish=publish,
        extra_fields=extra_fields,
    )


def _lead_image_fetch(*, item: WireItem, fetcher: Fetcher) -> tuple[bytes | None, str]:
    """The item's photo bytes if it needs one (new, or its article has none), or a warning.

    Fetched outside any transaction: a slow photo server must not hold the database.
    """
    if not item.image_url or item.withdrawn:
        return None, ""
    has_image = (
        ArticlePage.objects.filter(source_id=item.source_id, lead_image__isnull=False)
        .only("pk")
        .exists()
    )
    if has_image:
        return None, ""
    try:
        data = fetcher.fetch(item.image_url, max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        wire_image_check(data)
    except (FetchError, WireImageError) as error:
        return None, f"photo not imported: {error}"
    return data, ""


def wire_document_import(
    *,
    data: bytes,
    fmt: str,
    section: Page,
    publish: bool,
    url: str = "",
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Import every item of one document; raises WireFeedError if it cannot be read."""
    batch = parse_wire(data, fmt=fmt, url=url)
    fetcher = fetcher or fetcher_get()
    report = IngestReport()
    for error in batch.errors:
        report.errors.append(f"item {error.position} ({error.item_id or 'no id'}): {error.reason}")
    total = len(batch.items)
    for number, item in enumerate(batch.items, start=1):
        image_data, warning = _lead_image_fetch(item=item, fetcher=fetcher)
        if warning:
            report.warnings.append(f"item {number} ({item.source_id}): {warning}")
        try:
            result = wire_item_import(
                item=item, section=section, publish=publish, image_data=image_data
            )
        except (ValidationError, ValueError, DatabaseError) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            report.errors.append(f"item {number} ({item.source_id}): {reason}")
            if progress:
                progress(number, total, item, "failed")
            continue
        status = result.status if result else "unchanged"
        report.count(status)
        if progress:
            progress(number, total, item, status)
    return report


def ingest_source_run(
    *, source: IngestSource, fetcher: Fetcher | None = None, progress: Progress | None = None
) -> IngestReport:
    """Fetch and import one configured source, and record how it went on the source."""
    fetcher = fetcher or fetcher_get()
    try:
        if source.section is None:
            raise WireFeedError(NO_SECTION)
        data = fetcher.fetch(source.url)
        report = wire_document_import(
            data=data,
            fmt=source.format,
            section=source.section,
            publish=source.publish,
            url=source.url,
            progress=progress,
            fetcher=fetcher,
        )
    except (FetchError, WireFeedError) as error:
        report = IngestReport(errors=[str(error)], failed=True)
        logger.warning("Wire source %s failed: %s", source.slug, error)
    IngestSource.objects.filter(pk=source.pk).update(
        last_polled_at=timezone.now(),
        last_status=report.summary()[:300],
        last_errors="\n".join([*report.errors, *report.warnings])[:10_000],
    )
    return report


def ingest_sources_due(*, now=None) -> list[IngestSource]:
    return [s for s in IngestSource.objects.filter(active=True) if s.is_due(now)]
