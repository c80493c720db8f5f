"""Reads for live blogs: the page, one entry, the polling document. Each costs a fixed
number of queries whatever the number of entries (text entries; an entry with an image
costs its image's query, as a story's body does).

The polling document (``/live/blogs/<id>/entries.json?since=<entry id>``) carries each
new entry's HTML, rendered by the same include as the page, so an entry has one
rendering. Its ETag comes from the blog's *version*, a token kept in Django's cache and
replaced by every write (``live_blog_version_bump``), so an unchanged blog answers
``304 Not Modified`` without touching the database.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.caching.services import FEED_FORMATS
from newsdesk.core.feeds import absolute_url
from newsdesk.distribution.selectors import corrections_for_article
from newsdesk.distribution.structured_data import article_json_ld
from newsdesk.liveblogs.entries import LiveBlogEntry
from newsdesk.network.selectors import site_settings_for_page

ENTRY_TEMPLATE = "liveblogs/entry.html"
KEY_EVENTS_TEMPLATE = "liveblogs/key_events.html"
VERSION_KEY = "liveblogs:version:{blog_id}"
DOCUMENT_KEY = "liveblogs:doc:{blog_id}:{version}:{since}"
# Any id can be polled, blog or not, so a token must not be kept for ever; when one
# expires the next poll makes a new one, and each reader downloads the document once.
VERSION_SECONDS = 24 * 60 * 60
# A poll returns at most this many new entries; a reader further behind reloads.
POLL_BATCH = 50
JSON_LD_UPDATES = 100  # Google reads the newest updates; a long blog need not list all


def _blog_model():
    # The page model, without importing models.py (which imports this module).
    return LiveBlogEntry._meta.get_field("blog").related_model


def entry_list(*, blog_id: int) -> list[LiveBlogEntry]:
    """Every entry of the blog, newest first, with its author, in one query."""
    return list(LiveBlogEntry.objects.filter(blog_id=blog_id).for_display().newest_first())


def blog_url(*, blog, request) -> str:
    return blog.get_url(request) or "/"


def entry_url(*, blog, entry, request) -> str:
    return blog_url(blog=blog, request=request) + blog.reverse_subpage(
        "entry", kwargs={"entry_id": entry.pk}
    )


def entries_json_url(*, blog_id: int) -> str:
    return reverse("liveblogs:entries", kwargs={"blog_id": blog_id})


def live_blog_feed_urls(*, blog_id: int) -> list[str]:
    """The blog's own feeds, one per format: every entry write changes them."""
    return [
        reverse("liveblogs:feed", kwargs={"blog_id": blog_id, "fmt": fmt}) for fmt in FEED_FORMATS
    ]


def _entry_html(*, entry, blog, page_url: str, request) -> str:
    return render_to_string(
        ENTRY_TEMPLATE, {"entry": entry, "page_url": page_url, "page": blog}, request=request
    )


def live_blog_posting(*, blog, entries, request, section, tags) -> dict:
    """schema.org ``LiveBlogPosting``: the story's NewsArticle fields plus its updates."""
    # Prefetched: the page's corrections box reads the same list without a query.
    prefetch_related_objects([blog], "corrections")
    data = article_json_ld(
        article=blog,
        request=request,
        corrections=corrections_for_article(article=blog),
        section=section,
        tags=tags,
    )
    url = data.get("url", "")
    data["@type"] = "LiveBlogPosting"
    if blog.coverage_started_at:
        data["coverageStartTime"] = blog.coverage_started_at.isoformat()
    if blog.coverage_end:
        data["coverageEndTime"] = blog.coverage_end.isoformat()
    data["liveBlogUpdate"] = [
        _blog_posting(entry=entry, url=url) for entry in entries[:JSON_LD_UPDATES]
    ]
    if entries:
        data["dateModified"] = max(
            (e.updated_at or e.published_at) for e in entries[:JSON_LD_UPDATES]
        ).isoformat()
    return data


def _blog_posting(*, entry, url: str) -> dict:
    posting = {
        "@type": "BlogPosting",
        "headline": entry.headline,
        "datePublished": entry.published_at.isoformat(),
        "articleBody": entry.plain_text,
        "url": f"{url}#{entry.anchor}",
    }
    if entry.updated_at:
        posting["dateModified"] = entry.updated_at.isoformat()
    if entry.author:
        posting["author"] = {"@type": "Person", "name": entry.author.name}
    return posting


def page_context(*, blog, request, tags) -> dict:
    """What the live blog's page shows: pinned entries, key events, the whole stream.

    ``tags`` are the ones the story's context already holds. The section costs one query
    for the whole render: treebeard keeps ``get_parent()`` on the page object, which
    the kicker and the page's head read again.
    """
    entries = entry_list(blog_id=blog.pk)
    section = blog.get_parent()
    return {
        "entries": entries,
        "pinned": [entry for entry in entries if entry.is_pinned],
        "key_events": [entry for entry in entries if entry.is_key_event],
        "latest_entry_id": max((entry.pk for entry in entries), default=0),
        "entries_json_url": entries_json_url(blog_id=blog.pk),
        "poll_seconds": settings.NEWSDESK_LIVEBLOG_POLL_SECONDS,
        "page_url": blog_url(blog=blog, request=request),
        "structured_data": live_blog_posting(
            blog=blog, entries=entries, request=request, section=section, tags=tags
        ),
    }


def entry_context(*, blog, entry_id: int, request) -> dict:
    """One entry on a page of its own, with the title and card a share should show."""
    entry = LiveBlogEntry.objects.filter(blog_id=blog.pk, pk=entry_id).for_display().first()
    if entry is None:
        raise Http404(_("There is no such entry on this live blog."))
    page_url = blog_url(blog=blog, request=request)
    full_url = absolute_url(request, entry_url(blog=blog, entry=entry, request=request))
    posting = _blog_posting(entry=entry, url=absolute_url(request, page_url))
    posting.update(
        {"@context": "https://schema.org", "url": full_url, "mainEntityOfPage": full_url}
    )
    return {
        "entry": entry,
        "page_url": page_url,
        # The blog's translations are not this entry's: its canonical is the entry's own
        # address, so alternates of the blog would contradict it.
        "translations": [],
        "structured_data": posting,
        "head_overrides": {
            "canonical": full_url,
            "title": f"{entry.headline} | {blog.title}",
            "description": entry.plain_text or blog.summary,
        },
    }


# The polling document ------------------------------------------------------------------


@dataclass(frozen=True)
class EntriesDocument:
    body: bytes
    etag: str


def live_blog_version(*, blog_id: int) -> str:
    """The blog's current version token, from the cache alone (no database read)."""
    key = VERSION_KEY.format(blog_id=blog_id)
    version = cache.get(key)
    if version is None:
        # A fresh token after a miss: a lost token must never bring back an old ETag.
        version = uuid.uuid4().hex
        cache.set(key, version, VERSION_SECONDS)
    return version


def live_blog_version_bump(*, blog_id: int) -> None:
    cache.set(VERSION_KEY.format(blog_id=blog_id), uuid.uuid4().hex, VERSION_SECONDS)


def entries_etag(*, blog_id: int, since: int, version: str) -> str:
    digest = hashlib.sha256(f"{blog_id}:{since}:{version}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def live_blog_for_polling(*, blog_id: int):
    """The live, public blog with this id, or None."""
    return _blog_model().objects.live().public().filter(pk=blog_id).select_related("locale").first()


def entries_document(*, blog_id: int, since: int, request) -> EntriesDocument | None:
    """The entries newer than ``since``, their HTML, and the key-events box; None: no blog."""
    version = live_blog_version(blog_id=blog_id)
    key = DOCUMENT_KEY.format(blog_id=blog_id, version=version, since=since)
    document = cache.get(key)
    if document is not None:
        return document
    blog = live_blog_for_polling(blog_id=blog_id)
    if blog is None:
        return None
    entries = entry_list(blog_id=blog_id)
    page_url = blog_url(blog=blog, request=request)
    site_settings = site_settings_for_page(page=blog, request=request)
    with timezone.override(site_settings.time_zone):
        new = [entry for entry in entries if entry.pk > since][:POLL_BATCH]
        payload = {
            "blog": blog.pk,
            "status": blog.status,
            "latest_id": max((entry.pk for entry in entries), default=0),
            "count": len(entries),
            "entries": [
                {
                    "id": entry.pk,
                    "key_event": entry.is_key_event,
                    "pinned": entry.is_pinned,
                    "published_at": entry.published_at.isoformat(),
                    "html": _entry_html(entry=entry, blog=blog, page_url=page_url, request=request),
                }
                for entry in new
            ],
            "key_events_html": render_to_string(
                KEY_EVENTS_TEMPLATE,
                {"key_events": [e for e in entries if e.is_key_event], "page_url": page_url},
                request=request,
            ),
        }
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    document = EntriesDocument(
        body=body, etag=entries_etag(blog_id=blog_id, since=since, version=version)
    )
    cache.set(key, document, settings.NEWSDESK_LIVEBLOG_DOCUMENT_SECONDS)
    return document


def live_blog_labels(*, articles) -> dict[int, str]:
    """``{article_id: "LIVE"}`` for the live blogs among listed stories that are still live.

    Cards know their page type without a query; only a listing that holds a live blog
    asks for their status, in one query.
    """
    content_type = ContentType.objects.get_for_model(_blog_model(), for_concrete_model=False)
    ids = [a.pk for a in articles if a.content_type_id == content_type.pk]
    if not ids:
        return {}
    live = _blog_model().objects.filter(pk__in=ids, status="live").values_list("pk", flat=True)
    return {pk: _("Live") for pk in live}
