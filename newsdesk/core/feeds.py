"""What a feed is made of, shared by every app that offers a feed source.

The types live here, at the bottom of the layer map, so an app below distribution
(reader contributions, say) can build a :class:`FeedSource` for the ``FEED_SOURCES`` hook
(``newsdesk.core.hooks``) without importing distribution, which serves them as RSS,
Atom and JSON Feed at ``/feeds/<name>/<format>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.network.selectors import site_absolute_url


def absolute_url(request, url: str | None) -> str:
    """``url`` on the public address of ``request``'s site (its ``Site`` row, the one source
    of truth for it); absolute URLs (a CDN) stay; no URL is ""."""
    return site_absolute_url(request=request, url=url or "")


@dataclass(frozen=True)
class FeedImage:
    url: str
    length: int
    mime_type: str
    width: int
    height: int


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, whatever it was made from (story, reader contribution, ...)."""

    unique_id: str
    title: str
    url: str
    summary: str
    published: datetime | None
    updated: datetime | None
    author: str = ""
    categories: tuple[str, ...] = ()
    image: FeedImage | None = None
    language: str = ""  # the story's own, when it differs from the feed's


@dataclass(frozen=True)
class FeedSource:
    title: str
    link: str  # absolute URL of the HTML page the feed mirrors
    description: str
    items: list[FeedItem] = field(default_factory=list)
    language: str = "en"
    # Who answers for the feed: the site's brand. It stands in for a story without a
    # byline, since an Atom entry must name an author (RFC 4287, 4.1.2).
    publisher: str = ""


# ``selector(request, site, **url_kwargs) -> FeedSource | None``; None means 404.
FeedSelector = Callable[..., FeedSource | None]
