"""Reads for distribution: feed items, the news sitemap, corrections, related stories.

Feeds are generic over a *feed source*: a selector ``(request, site, **url_kwargs)`` that
returns a :class:`FeedSource` (or ``None`` for 404). Sources are registered by name in
``FEED_SOURCES``; other apps add theirs from ``AppConfig.ready()`` with
:func:`feed_source_register` (reader contributions register ``"contributions"``), and
``/feeds/<name>/rss/`` (and ``atom``, ``json``) serves it with no further code.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.models import ArticleCorrection, ArticlePage, ArticleTag
from newsdesk.articles.selectors import (
    article_cards,
    article_list_for_section,
    article_list_published,
)
from newsdesk.network.models import SiteSettings
from newsdesk.network.selectors import site_absolute_url, site_for_page
from newsdesk.sections.selectors import section_by_slug
from newsdesk.tags.selectors import tag_by_slug

logger = logging.getLogger("newsdesk.distribution")

FEED_LENGTH = 30
FEED_IMAGE_SPEC = "fill-800x450-c100"
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_MAX_URLS = 1000  # Google News reads at most 1,000 URLs per sitemap


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


@dataclass(frozen=True)
class FeedSource:
    title: str
    link: str  # absolute URL of the HTML page the feed mirrors
    description: str
    items: list[FeedItem] = field(default_factory=list)
    language: str = "en"


FeedSelector = Callable[..., FeedSource | None]
FEED_SOURCES: dict[str, FeedSelector] = {}


def feed_source_register(name: str, selector: FeedSelector) -> None:
    """Serve ``selector``'s items at ``/feeds/<name>/{rss,atom,json}/``."""
    FEED_SOURCES[name] = selector


def _absolute(request, url: str) -> str:
    return site_absolute_url(request=request, url=url)


def _feed_image(request, article: ArticlePage) -> FeedImage | None:
    if article.lead_image is None:
        return None
    try:
        rendition = article.lead_image.get_rendition(FEED_IMAGE_SPEC)
        length = rendition.file.size
    except Exception:  # a missing original file must not take the feed down
        logger.warning("No feed image for article %s", article.pk, exc_info=True)
        return None
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return FeedImage(
        url=_absolute(request, rendition.url),
        length=length,
        mime_type=mime_type,
        width=rendition.width,
        height=rendition.height,
    )


def feed_items_for_articles(*, articles, request) -> list[FeedItem]:
    """Feed items for stories, in a fixed number of queries whatever their number."""
    articles = articles.prefetch_related(
        Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag").order_by("pk"))
    )
    items = []
    for card in article_cards(articles=articles, request=request):
        article = card.article
        url = _absolute(request, card.url or "")
        categories = [card.section_title] if card.section_title else []
        categories += [item.tag.name for item in article.tagged_items.all()]
        items.append(
            FeedItem(
                unique_id=url,
                title=article.title,
                url=url,
                summary=article.summary,
                published=article.first_published_at,
                updated=article.last_published_at or article.first_published_at,
                author=article.byline_text,
                categories=tuple(dict.fromkeys(categories)),
                image=_feed_image(request, article),
            )
        )
    return items


def _brand(site: Site) -> tuple[str, str]:
    site_settings = SiteSettings.for_site(site)
    return site_settings.brand_name, site_settings.language or "en"


def feed_source_site(request, site: Site) -> FeedSource:
    brand, language = _brand(site)
    articles = article_list_published(site_root=site.root_page)[:FEED_LENGTH]
    return FeedSource(
        title=brand,
        link=_absolute(request, "/"),
        description=f"The latest stories from {brand}.",
        items=feed_items_for_articles(articles=articles, request=request),
        language=language,
    )


def feed_source_section(request, site: Site, *, slug: str) -> FeedSource | None:
    section = section_by_slug(slug=slug, site_root=site.root_page)
    if section is None or not section.live:
        return None
    brand, language = _brand(site)
    articles = article_list_for_section(section=section)[:FEED_LENGTH]
    return FeedSource(
        title=f"{section.title} | {brand}",
        link=_absolute(request, section.get_url(request) or "/"),
        description=section.specific.intro or f"The latest {section.title} stories from {brand}.",
        items=feed_items_for_articles(articles=articles, request=request),
        language=language,
    )


def feed_source_tag(request, site: Site, *, slug: str) -> FeedSource | None:
    tag = tag_by_slug(slug=slug)
    if tag is None:
        return None
    brand, language = _brand(site)
    articles = (article_list_published(site_root=site.root_page).filter(tagged_items__tag=tag))[
        :FEED_LENGTH
    ]
    return FeedSource(
        title=f"{tag.name} | {brand}",
        link=_absolute(request, tag.get_absolute_url()),
        description=tag.description or f"Stories about {tag.name} from {brand}.",
        items=feed_items_for_articles(articles=articles, request=request),
        language=language,
    )


feed_source_register("site", feed_source_site)
feed_source_register("section", feed_source_section)
feed_source_register("tag", feed_source_tag)


def feed_source_get(*, name: str, request, **kwargs) -> FeedSource | None:
    selector = FEED_SOURCES.get(name)
    site = Site.find_for_request(request)
    if selector is None or site is None:
        return None
    return selector(request, site, **kwargs)


# --- News sitemap -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsSitemapEntry:
    url: str
    title: str
    published: datetime
    modified: datetime
    keywords: tuple[str, ...]


def news_sitemap_entries(*, request, site: Site, now: datetime | None = None) -> list:
    """The site's stories first published in the last 48 hours, newest first."""
    since = (now or timezone.now()) - NEWS_SITEMAP_WINDOW
    articles = (
        article_list_published(site_root=site.root_page)
        .filter(first_published_at__gte=since)
        .prefetch_related(
            Prefetch(
                "tagged_items", queryset=ArticleTag.objects.select_related("tag").order_by("pk")
            )
        )[:NEWS_SITEMAP_MAX_URLS]
    )
    return [
        NewsSitemapEntry(
            url=_absolute(request, card.url or ""),
            title=card.article.title,
            published=card.article.first_published_at,
            modified=card.article.last_published_at or card.article.first_published_at,
            keywords=tuple(item.tag.name for item in card.article.tagged_items.all()),
        )
        for card in article_cards(articles=articles, request=request)
    ]


# --- Corrections ------------------------------------------------------------------------------


def corrections_for_article(*, article: ArticlePage) -> list[ArticleCorrection]:
    """The story's corrections and updates, newest first (as the page and JSON-LD show them)."""
    return sorted(article.corrections.all(), key=lambda c: c.noted_at, reverse=True)


@dataclass(frozen=True)
class CorrectionEntry:
    correction: ArticleCorrection
    article_title: str
    article_url: str


def correction_list_for_site(*, site: Site, request) -> Iterable:
    """Published corrections on the site's live stories, newest first (paginate the result)."""
    return (
        ArticleCorrection.objects.filter(
            article__in=ArticlePage.objects.published().descendant_of(site.root_page)
        )
        .select_related("article")
        .order_by("-noted_at", "-pk")
    )


def correction_entries(*, corrections, request) -> list[CorrectionEntry]:
    corrections = list(corrections)
    cards = {
        card.article.pk: card
        for card in article_cards(articles=[c.article for c in corrections], request=request)
    }
    return [
        CorrectionEntry(
            correction=c, article_title=c.article.title, article_url=cards[c.article.pk].url
        )
        for c in corrections
    ]


# --- Related stories --------------------------------------------------------------------------

RELATED_COUNT = 4


def article_list_related(*, article: ArticlePage, request, limit: int = RELATED_COUNT) -> list:
    """Stories sharing the most tags with ``article`` on its site, then the newest: 2 queries."""
    site = site_for_page(page=article, request=request)
    if site is None:
        return []
    tag_ids = ArticleTag.objects.filter(content_object=article).values("tag_id")
    related = (
        article_list_published(site_root=site.root_page)
        .filter(tagged_items__tag_id__in=tag_ids)
        .exclude(pk=article.pk)
        .annotate(shared_tags=Count("tagged_items", distinct=True))
        .order_by("-shared_tags", "-first_published_at", "-pk")[:limit]
    )
    return article_cards(articles=related, request=request)
