"""Writes for wire ingest: the decide and store steps, runs and their log, and polling.

The pipeline is fetch (``fetch``), parse and validate (``wire``), decide
(``decisions``), store (here). Every item is stored in its own transaction, together with
its line in the run's log, so a bad item stores nothing and the others still arrive; a
document that cannot be fetched or read stores nothing at all. Either way the reason is
reported and kept on the run.
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
from newsdesk.ingest.decisions import Known, Verdict, item_decide
from newsdesk.ingest.fetch import Fetcher, FetchError, fetcher_get
from newsdesk.ingest.images import WireImageError, wire_image_check, wire_image_create
from newsdesk.ingest.models import (
    Decision,
    IngestDecision,
    IngestRun,
    IngestSource,
    WireItemVersion,
)
from newsdesk.ingest.services import ImportResult, article_import_parsed
from newsdesk.ingest.wire import WireFeedError, WireItem, parse_wire

logger = logging.getLogger("newsdesk.ingest")

NO_SECTION = "the source has no section (was it deleted?): choose one in the admin"
TEASER_KEPT_AS_DRAFT = "only a teaser of the story at {url}: kept as a draft for editors"
NOTHING_TO_KILL = "no story with this id was stored: nothing to unpublish"
# Shown to readers under a story the source corrected without saying what it corrected.
CORRECTED_BY_SOURCE = "This story was corrected by {source}."

# (position in the document, items in the document, headline, what became of it)
Progress = Callable[[int, int, str, str], None]


@dataclass
class IngestReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    scheduled: int = 0
    older: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but e.g. without its photo
    failed: bool = False  # the whole document was unreadable
    total: int = 0  # items in the document, read or not

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def summary(self) -> str:
        if self.failed:
            return f"failed: {self.errors[0]}" if self.errors else "failed"
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        text += f", {self.scheduled} scheduled" if self.scheduled else ""
        text += f", {self.withdrawn} withdrawn" if self.withdrawn else ""
        text += f", {self.older} older version(s) ignored" if self.older else ""
        text += f", {len(self.errors)} not imported" if self.errors else ""
        return text + (f", {len(self.warnings)} warning(s)" if self.warnings else "")


def wire_item_known(*, source_id: str) -> Known | None:
    """What is stored of an item id: its newest version and whether it has an article."""
    version = WireItemVersion.objects.filter(source_id=source_id).first()
    has_article = ArticlePage.objects.filter(source_id=source_id).exists()
    if version is None and not has_article:
        return None
    if version is None:
        return Known(has_article=True)
    return Known(
        version=version.version,
        version_created=version.version_created,
        has_article=has_article,
    )


def _status(result: ImportResult | None, verdict: Verdict) -> str:
    """The report's word for what the store step did."""
    if result is None:
        return "unchanged"
    if result.status == "withdrawn":
        return "withdrawn"
    if verdict.decision == Decision.EMBARGOED and result.status != "unchanged":
        return "scheduled"
    return result.status


@transaction.atomic
def wire_item_import(
    *,
    item: WireItem,
    section: Page,
    publish: bool,
    image_data: bytes | None = None,
    verdict: Verdict | None = None,
    run: IngestRun | None = None,
    position: int = 0,
) -> ImportResult | None:
    """Store one decided item: create, update, schedule or (killed) unpublish its article,
    remember its version, and log the decision in ``run``. One transaction.

    ``image_data`` is the item's lead photo, already fetched and checked.
    """
    verdict = verdict or item_decide(
        item=item, known=wire_item_known(source_id=item.source_id), now=timezone.now()
    )
    result, reason = _store(
        item=item, section=section, publish=publish, image_data=image_data, verdict=verdict
    )
    decision = verdict.decision
    changes = (Decision.NEWER, Decision.CORRECTION)
    if result is not None and result.status == "unchanged" and decision in changes:
        decision = Decision.UNCHANGED
    if decision not in (Decision.OLDER, Decision.KILLED):
        WireItemVersion.objects.update_or_create(
            source_id=item.source_id,
            defaults={"version": item.version[:50], "version_created": item.version_created},
        )
    if run is not None:
        IngestDecision.objects.create(
            run=run,
            position=position,
            item_id=item.source_id,
            headline=item.parsed.headline[:255],
            decision=decision,
            reason=reason,
            version=item.version[:50],
            article=result.article if result else None,
        )
    return result


def _store(
    *, item: WireItem, section: Page, publish: bool, image_data: bytes | None, verdict: Verdict
) -> tuple[ImportResult | None, str]:
    if verdict.decision == Decision.OLDER:
        return None, verdict.reason
    if verdict.decision == Decision.KILLED:
        article = ArticlePage.objects.filter(source_id=item.source_id).first()
        if article is None:
            return None, f"{verdict.reason}; {NOTHING_TO_KILL}"
        if article.live:
            article.unpublish(log_action=True)
        return ImportResult(article=article, status="withdrawn"), verdict.reason
    reason = verdict.reason
    if item.teaser and publish:
        # A teaser published as a full story would hide the story's own page; editors
        # decide what to do with it.
        publish = False
        reason += "; " + TEASER_KEPT_AS_DRAFT.format(url=item.source_url or "its source")
    extra_fields = {
        "summary": item.summary,
        "byline": item.byline,
        "agency": item.agency,
        "language": item.language,
        "source_url": item.source_url,
        "source_is_teaser": item.teaser,
        # Wagtail publishes a page whose go_live_at is in the future at that time, and not
        # before: publishing now only schedules it.
        "go_live_at": item.embargoed_until if verdict.decision == Decision.EMBARGOED else None,
    }
    if image_data is not None:
        extra_fields["lead_image"] = wire_image_create(
            data=image_data,
            url=item.image_url,
            title=item.parsed.headline,
            caption=item.image_caption,
            credit=item.image_credit,
        )
    correction_note = ""
    if verdict.decision == Decision.CORRECTION:
        correction_note = item.correction_note or CORRECTED_BY_SOURCE.format(
            source=item.agency or "the agency"
        )
    result = article_import_parsed(
        parsed=item.parsed,
        section=section,
        source_id=item.source_id,
        publish=publish,
        extra_fields=extra_fields,
        correction_note=correction_note,
    )
    return result, reason


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


@transaction.atomic
def wire_run_start(*, location: str, source: IngestSource | None = None) -> IngestRun:
    """Record a new run and, in the same transaction, forget all but the newest
    ``NEWSDESK_INGEST_RUNS_KEPT`` runs of its source (of its location when it has none),
    so a source polled every minute does not grow the log without end."""
    run = IngestRun.objects.create(source=source, location=location[:1000])
    ingest_runs_prune(source=source, location=run.location)
    return run


def ingest_runs_prune(*, source: IngestSource | None, location: str = "") -> int:
    """Delete the runs (and their item decisions) of ``source`` beyond the newest
    ``NEWSDESK_INGEST_RUNS_KEPT``; for runs without a source, those of ``location``.
    Returns how many runs were deleted."""
    kept = max(1, settings.NEWSDESK_INGEST_RUNS_KEPT)
    runs = (
        IngestRun.objects.filter(source=source)
        if source
        else IngestRun.objects.filter(source__isnull=True, location=location)
    )
    keep = list(runs.order_by("-started_at", "-pk").values_list("pk", flat=True)[:kept])
    _total, by_model = runs.exclude(pk__in=keep).delete()
    return by_model.get(IngestRun._meta.label, 0)


def wire_run_finish(*, run: IngestRun, report: IngestReport) -> None:
    IngestRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now(), summary=report.summary()[:300], failed=report.failed
    )


def wire_document_import(
    *,
    data: bytes,
    fmt: str,
    section: Page,
    publish: bool,
    url: str = "",
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
    lenient: bool = False,
    run: IngestRun | None = None,
) -> IngestReport:
    """Import every item of one document; raises WireFeedError if it cannot be read."""
    batch = parse_wire(data, fmt=fmt, url=url, lenient=lenient)
    fetcher = fetcher or fetcher_get()
    total = batch.total
    report = IngestReport(warnings=list(batch.warnings), total=total)
    steps = sorted(
        [(error.position, error) for error in batch.errors]
        + list(zip(batch.positions, batch.items, strict=True)),
        key=lambda step: step[0],
    )
    for position, step in steps:
        if isinstance(step, WireItem):
            status = _item_import(
                item=step,
                position=position,
                section=section,
                publish=publish,
                fetcher=fetcher,
                report=report,
                run=run,
            )
            headline = step.parsed.headline
        else:
            report.errors.append(f"item {position} ({step.item_id or 'no id'}): {step.reason}")
            _log_failure(run=run, position=position, item_id=step.item_id, reason=step.reason)
            status, headline = "failed", step.headline or step.item_id
        if progress:
            progress(position, total, headline, status)
    return report


def _log_failure(*, run: IngestRun | None, position: int, item_id: str, reason: str) -> None:
    if run is not None:
        IngestDecision.objects.create(
            run=run,
            position=position,
            item_id=item_id[:255],
            decision=Decision.FAILED,
            reason=reason,
        )


def _item_import(
    *,
    item: WireItem,
    position: int,
    section: Page,
    publish: bool,
    fetcher: Fetcher,
    report: IngestReport,
    run: IngestRun | None,
) -> str:
    """Decide and store one item; returns the word for the report."""
    verdict = item_decide(
        item=item, known=wire_item_known(source_id=item.source_id), now=timezone.now()
    )
    image_data = None
    if verdict.decision != Decision.OLDER:
        image_data, warning = _lead_image_fetch(item=item, fetcher=fetcher)
        if warning:
            report.warnings.append(f"item {position} ({item.source_id}): {warning}")
    try:
        result = wire_item_import(
            item=item,
            section=section,
            publish=publish,
            image_data=image_data,
            verdict=verdict,
            run=run,
            position=position,
        )
    except (ValidationError, ValueError, DatabaseError) as error:
        reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        report.errors.append(f"item {position} ({item.source_id}): {reason}")
        _log_failure(run=run, position=position, item_id=item.source_id, reason=reason)
        return "failed"
    status = "older" if verdict.decision == Decision.OLDER else _status(result, verdict)
    report.count(status)
    return status


def ingest_source_run(
    *, source: IngestSource, fetcher: Fetcher | None = None, progress: Progress | None = None
) -> IngestReport:
    """Fetch and import one configured source, and record how it went on the source."""
    fetcher = fetcher or fetcher_get()
    run = wire_run_start(location=source.url, source=source)
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
            lenient=source.lenient,
            run=run,
        )
    except (FetchError, WireFeedError) as error:
        report = IngestReport(errors=[str(error)], failed=True)
        logger.warning("Wire source %s failed: %s", source.slug, error)
    wire_run_finish(run=run, report=report)
    IngestSource.objects.filter(pk=source.pk).update(
        last_polled_at=timezone.now(),
        last_status=report.summary()[:300],
        last_errors="\n".join([*report.errors, *report.warnings])[:10_000],
    )
    return report


def ingest_sources_due(*, now=None) -> list[IngestSource]:
    return [s for s in IngestSource.objects.filter(active=True) if s.is_due(now)]
