"""Reads for search: the site's published stories that match, with filters."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from wagtail.models import Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.network.models import SiteSettings
from newsdesk.sections.models import SectionPage

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 32


def backend_query(query: str) -> str:
    """The reader's words only, lower-cased, for the search backend.

    SQLite FTS5 gives meaning to quotes, brackets, ``*``, ``:`` and upper-case AND, OR,
    NOT and NEAR; a stray one is a syntax error. Words alone mean the same on every
    backend and cannot fail.
    """
    return " ".join(_WORD.findall(query.casefold())[:MAX_WORDS])


def search_sections(*, site: Site) -> list[SectionPage]:
    return list(
        SectionPage.objects.child_of(site.root_page)
        .live()
        .public()
        .order_by("path")
        .only("slug", "title")
    )


def _day_start(day: date, zone: str) -> datetime | None:
    """Midnight of ``day`` in ``zone``; None at the calendar's ends (no bound needed there).

    1 January of year 1 east of UTC is still year 0 in UTC, and the day after 31 December
    9999 does not exist: both overflow, and either means "no limit on this side".
    """
    try:
        start = datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(zone))
        return start.astimezone(UTC)
    except OverflowError:
        return None


def article_search(
    *,
    site: Site,
    query: str,
    section: Page | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
):
    """Search results (a Wagtail search result set, best match first) for the site."""
    zone = SiteSettings.for_site(site).time_zone
    articles = ArticlePage.objects.published().descendant_of(section or site.root_page)
    # Dates are the reader's days in the site's time zone, both ends included.
    start = _day_start(date_from, zone) if date_from else None
    if start is not None:
        articles = articles.filter(first_published_at__gte=start)
    end = _day_start(date_to + timedelta(days=1), zone) if date_to and date_to < date.max else None
    if end is not None:
        articles = articles.filter(first_published_at__lt=end)
    words = backend_query(query)
    if not words:
        return articles.none()
    return articles.search(words, operator="and")
