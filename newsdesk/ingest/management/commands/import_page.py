"""Import scraped article pages (plain text or HTML) as articles."""

import json
from datetime import UTC
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.ingest.html_page import looks_like_html, parse_html_page
from newsdesk.ingest.page_text import NotAnArticle, ParsedPage, parse_page_text, source_id_for_page
from newsdesk.ingest.services import article_import_parsed, page_time_aware
from newsdesk.sections.selectors import section_by_slug

MAX_FILE_BYTES = 5 * 1024 * 1024
SECTION_NOT_FOUND = "No section with the slug '{slug}'. Pass --section with one that exists."


def parse_file(path: Path) -> ParsedPage:
    """Read and parse one file; raises NotAnArticle or OSError with a reason."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise NotAnArticle(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_html_page(text) if looks_like_html(text) else parse_page_text(text)


class Command(BaseCommand):
    help = (
        "Turn plain-text or HTML scrapes of news pages into articles. Running it again on "
        "the same page updates the same article."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print one JSON object per file and save nothing.",
        )
        parser.add_argument("--section", default="world", help="Slug of the section to file under.")
        parser.add_argument(
            "--draft", action="store_true", help="Save as drafts for an editor to publish."
        )

    def handle(self, *args, files, dry_run, section, draft, **options):
        verbosity = options["verbosity"]
        section_page = section_by_slug(slug=section)
        if section_page is None and not dry_run:
            raise CommandError(SECTION_NOT_FOUND.format(slug=section))
        failed = 0
        total = len(files)
        for number, path in enumerate(files, start=1):
            prefix = f"[{number}/{total}] {path}"
            try:
                parsed = parse_file(path)
            except (NotAnArticle, OSError) as error:
                failed += 1
                reason = error.strerror if isinstance(error, OSError) else str(error)
                self.stderr.write(f"{prefix}: not imported: {reason or error}")
                continue
            if dry_run:
                payload = parsed.as_json_dict()
                # In UTC with its offset, as the ingest dry run prints every format: a
                # page's local time is read in its section's site's zone.
                published = page_time_aware(published=parsed.published, section=section_page)
                payload["published"] = published.astimezone(UTC).isoformat() if published else None
                self.stdout.write(json.dumps(payload, ensure_ascii=False))
                continue
            result = article_import_parsed(
                parsed=parsed,
                section=section_page,
                source_id=source_id_for_page(parsed),
                publish=not draft,
            )
            if verbosity:
                self.stdout.write(
                    f"{prefix}: {result.status} '{result.article.title}' at "
                    f"{result.article.url_path}"
                )
        if failed:
            raise CommandError(f"{failed} of {total} file(s) could not be imported.")
