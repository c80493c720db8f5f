"""Import a wire source: a configured source's slug, a feed URL, or a local file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.ingest.fetch import FetchError, fetcher_get
from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.services import page_time_aware
from newsdesk.ingest.wire import WireFeedError, parse_wire
from newsdesk.ingest.wire_services import (
    IngestReport,
    ingest_source_run,
    wire_document_import,
    wire_run_finish,
    wire_run_start,
)
from newsdesk.sections.selectors import section_by_slug

SECTION_NOT_FOUND = "No section with the slug '{slug}'. Pass --section with one that exists."
SOURCE_NOT_FOUND = "'{source}' is not a wire source's slug, an http(s) URL or a readable file."
ITEMS_FAILED = "{count} of {total} item(s) could not be imported."
ITEMS_NOT_READABLE = "{count} of {total} item(s) could not be read."
FILE_TOO_LARGE = "{path} is larger than {mb} MB."


class Command(BaseCommand):
    help = (
        "Import stories from a wire source: the slug of a source configured in the admin, "
        "an http(s) URL or a local file (RSS/Atom, IPTC ninjs JSON, IPTC NewsML-G2 XML or an "
        "HTML page). Items are matched by their id, so running it again updates, never repeats."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SOURCE")
        parser.add_argument(
            "--format",
            default="auto",
            choices=[choice for choice, _ in IngestSource.Format.choices],
            help="The document's format (URLs and files only; default: detect).",
        )
        parser.add_argument(
            "--section", default="world", help="Section slug to file under (URLs and files)."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the stories (URLs and files; default: drafts for editors).",
        )
        parser.add_argument(
            "--lenient",
            action="store_true",
            help=(
                "Read what can be read of a feed that is not well-formed XML (e.g. cut short); "
                "by default such a feed stores nothing and the command fails."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print one JSON object per item; save nothing."
        )

    def handle(self, *args, source, format, section, publish, lenient, dry_run, **options):
        self.verbosity = options["verbosity"]
        configured = IngestSource.objects.select_related("section").filter(slug=source).first()
        if configured is not None and not dry_run:
            self.stdout.write(f"Polling {configured.name} ({configured.url})")
            report = ingest_source_run(source=configured, progress=self._progress)
            return self._finish(report)
        if configured is not None:
            data, url, fmt = self._fetch(configured.url), configured.url, configured.format
            lenient = lenient or configured.lenient
        else:
            data, url, fmt = self._read(source), source, format
        if dry_run:
            zone_section = configured.section if configured else section_by_slug(slug=section)
            return self._dry_run(data, fmt=fmt, url=url, lenient=lenient, section=zone_section)
        section_page = section_by_slug(slug=section)
        if section_page is None:
            raise CommandError(SECTION_NOT_FOUND.format(slug=section))
        run = wire_run_start(location=url)
        try:
            report = wire_document_import(
                data=data,
                fmt=fmt,
                section=section_page,
                publish=publish,
                url=url,
                progress=self._progress,
                lenient=lenient,
                run=run,
            )
        except WireFeedError as error:
            wire_run_finish(run=run, report=IngestReport(errors=[str(error)], failed=True))
            raise CommandError(f"{source}: not imported: {error}") from None
        wire_run_finish(run=run, report=report)
        return self._finish(report)

    def _fetch(self, url: str) -> bytes:
        try:
            return fetcher_get().fetch(url)
        except FetchError as error:
            raise CommandError(str(error)) from None

    def _read(self, source: str) -> bytes:
        if source.startswith(("http://", "https://")):
            return self._fetch(source)
        path = Path(source)
        if not path.is_file():
            raise CommandError(SOURCE_NOT_FOUND.format(source=source))
        limit = settings.NEWSDESK_INGEST_MAX_BYTES
        if path.stat().st_size > limit:
            raise CommandError(FILE_TOO_LARGE.format(path=path, mb=limit // 1024 // 1024))
        return path.read_bytes()

    def _dry_run(self, data: bytes, *, fmt: str, url: str, lenient: bool, section):
        try:
            batch = parse_wire(data, fmt=fmt, url=url, lenient=lenient)
        except WireFeedError as error:
            raise CommandError(f"not readable: {error}") from None
        for warning in batch.warnings:
            self.stderr.write(f"warning: {warning}")
        for item in batch.items:
            # A scraped HTML page's time may be local: read it in the section's site's zone
            # (as storing it would), so it prints in UTC like every other format's.
            published = page_time_aware(published=item.parsed.published, section=section)
            item = dataclasses.replace(
                item, parsed=dataclasses.replace(item.parsed, published=published)
            )
            self.stdout.write(json.dumps(item.as_json_dict(), ensure_ascii=False))
        for error in batch.errors:
            self.stderr.write(f"item {error.position} ({error.item_id or 'no id'}): {error.reason}")
        if batch.errors:
            raise CommandError(
                ITEMS_NOT_READABLE.format(count=len(batch.errors), total=batch.total)
            )

    def _progress(self, number: int, total: int, headline: str, status: str) -> None:
        if self.verbosity:
            self.stdout.write(f"[{number}/{total}] {status}: {headline}")

    def _finish(self, report: IngestReport):
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for error in report.errors:
            self.stderr.write(f"not imported: {error}")
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(report.summary())
        if report.errors:
            raise CommandError(ITEMS_FAILED.format(count=len(report.errors), total=report.total))
