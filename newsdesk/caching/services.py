"""Purging: make the pages that show something fresh in every cache at once.

Two caches hold public pages: the app-level page cache (``pagecache``, in Django's
cache) and any front caches (Varnish, a CDN) configured in ``WAGTAILFRONTENDCACHE``.
A purge names *paths of a site*; each cache drops every query string of those paths
(``/world/`` takes ``/world/?page=2`` with it).

The app cache is invalidated at once and again after the transaction commits (a page
rendered in between must not survive); front caches are purged after commit, through
Wagtail's ``PurgeBatch`` and its purge task, run in-process so that readers see the
change within a second instead of after a worker's next poll. Every backend has a
timeout and fails soft: a purge never makes a publish fail.

Other apps call ``purge_article`` (a comment approved, comments closed),
``purge_paths`` (anything else a page shows) or ``purge_network_paths`` (a path that
exists on every site of the network, such as ``/people/<username>/``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, PageLogEntry, Site

from newsdesk.caching import pagecache

logger = logging.getLogger(__name__)

FEED_FORMATS = ("rss", "atom", "json")
# Paths that list the newest stories of a site, whatever their section (issue #7 feeds,
# issue #6 live banner, sitemaps), and search, whose every query string may now match.
SITE_LISTING_PATHS = (
    "/",
    "/search/",
    *(f"/feeds/{fmt}/" for fmt in FEED_FORMATS),
    "/live/latest.json",
    "/sitemap.xml",
    "/news-sitemap.xml",
)


def feed_paths(*, kind: str, slug: str) -> list[str]:
    """The feeds of one section or tag, by the convention ``/feeds/<kind>/<slug>/<fmt>/``."""
    return [f"/feeds/{kind}/{slug}/{fmt}/" for fmt in FEED_FORMATS]


def tag_paths(*, slug: str) -> list[str]:
    return [f"/tags/{slug}/", *feed_paths(kind="tag", slug=slug)]


def site_relative_path(*, page: Page) -> tuple[Site | None, str | None]:
    """The site a page belongs to and its path on that site ('/world/story/')."""
    parts = page.get_url_parts()
    if parts is None:
        return None, None
    site_id, _root_url, page_path = parts
    return Site.objects.filter(pk=site_id).first(), page_path


def _frontend_purge(urls: list[str]) -> None:
    if not urls or not get_backends():
        return
    batch = PurgeBatch(urls)
    try:
        purge_urls_from_cache_task.call(sorted(batch.urls))
    except Exception:  # a purge must never undo the editor's publish
        logger.exception("Front-end cache purge failed for %d URLs", len(urls))


def purge_paths(*, site: Site, paths: Iterable[str]) -> list[str]:
    """Make these paths of ``site`` fresh in the page cache and every front cache."""
    paths = sorted({path if path.startswith("/") else f"/{path}" for path in paths})
    if not paths:
        return paths
    pagecache.invalidate_paths(paths)
    root_url = site.root_url

    def after_commit():
        pagecache.invalidate_paths(paths)
        _frontend_purge([root_url + path for path in paths])

    transaction.on_commit(after_commit)
    return paths


def purge_network_paths(*, paths: Iterable[str]) -> list[str]:
    """Make these paths fresh on every site of the network (``/people/<username>/``)."""
    paths = list(paths)
    purged: set[str] = set()
    for site in Site.objects.all():
        purged.update(purge_paths(site=site, paths=paths))
    return sorted(purged)


def purge_site(*, site: Site) -> None:
    """Everything a site shows may have changed (menu, branding): drop all of it."""
    pagecache.invalidate_all()
    tag = f"site-{site.pk}"

    def after_commit():
        pagecache.invalidate_all()
        for backend in get_backends().values():
            if hasattr(backend, "ban_tags"):
                backend.ban_tags([tag])

    transaction.on_commit(after_commit)


def _published_tag_slugs(*, article, exclude_revision_id=None) -> set[str]:
    """Tags of the article now, and of the revision that was live before this publish."""
    from newsdesk.articles.models import ArticleTag
    from newsdesk.tags.models import Tag

    slugs = set(
        ArticleTag.objects.filter(content_object_id=article.pk).values_list("tag__slug", flat=True)
    )
    previous = (
        PageLogEntry.objects.filter(page_id=article.pk, action="wagtail.publish")
        .exclude(revision_id=exclude_revision_id)
        .exclude(revision__isnull=True)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if previous is not None:
        tag_ids = [item.get("tag") for item in previous.revision.content.get("tagged_items", [])]
        slugs |= set(
            Tag.objects.filter(pk__in=[t for t in tag_ids if t]).values_list("slug", flat=True)
        )
    return slugs


def article_paths(*, article, exclude_revision_id=None) -> tuple[Site | None, list[str]]:
    """Every path that shows the article: itself, home, its section, its tags, feeds."""
    site, path = site_relative_path(page=article)
    if site is None:
        return None, []
    paths = [path, *SITE_LISTING_PATHS]
    section = article.get_parent()
    _section_site, section_path = site_relative_path(page=section)
    if section_path:
        paths += [section_path, *feed_paths(kind="section", slug=section.slug)]
    for slug in _published_tag_slugs(article=article, exclude_revision_id=exclude_revision_id):
        paths += tag_paths(slug=slug)
    # Author pages and feeds list the story too (issue #14).
    for slug in _author_slugs(article=article):
        paths += [f"/authors/{slug}/", *feed_paths(kind="author", slug=slug)]
    return site, paths


def _author_slugs(*, article) -> list[str]:
    from newsdesk.articles.models import ArticleAuthor

    return list(
        ArticleAuthor.objects.filter(article_id=article.pk).values_list("author__slug", flat=True)
    )


def purge_article(
    *, article, extra_paths: Iterable[str] = (), exclude_revision_id=None
) -> list[str]:
    """Purge every page showing the article (after a publish, a comment approved...)."""
    site, paths = article_paths(article=article, exclude_revision_id=exclude_revision_id)
    if site is None:
        return []
    return purge_paths(site=site, paths=[*paths, *extra_paths])


def purge_page(*, page, extra_paths: Iterable[str] = ()) -> list[str]:
    """Purge a non-article page, the page above it and the homepage."""
    site, path = site_relative_path(page=page)
    if site is None:
        return []
    paths = [path, "/", *extra_paths]
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        _parent_site, parent_path = site_relative_path(page=parent)
        if parent_path:
            paths.append(parent_path)
    return purge_paths(site=site, paths=paths)
