"""Writes on live blogs: post, edit, delete, pin and flag entries. One transaction each.

Every write checks that the user may edit the blog's page, validates before it stores
anything, then purges exactly what shows the entry (the blog, its polling document, the
entry's own page, the blog's own feeds, and the listings that show the blog: home,
section, tags, feeds) and replaces the blog's version so that polling readers get the
new document at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.services import article_authors_set, unique_child_slug
from newsdesk.caching.services import purge_article
from newsdesk.liveblogs.entries import LiveBlogEntry
from newsdesk.liveblogs.models import LiveBlogPage
from newsdesk.liveblogs.selectors import (
    entries_json_url,
    live_blog_feed_urls,
    live_blog_version_bump,
)
from newsdesk.tags.services import tag_get_or_create

NOT_ALLOWED = _("You may not post to this live blog: you cannot edit its page.")
EMPTY_ENTRY = _("Write something: an entry needs some text, a quote, an image or an embed.")


def _require_edit(*, blog: LiveBlogPage, user) -> None:
    if user is None or not blog.permissions_for_user(user).can_edit():
        raise PermissionDenied(NOT_ALLOWED)


def _after_write(*, blog: LiveBlogPage, entry_id: int) -> None:
    subpage = blog.reverse_subpage("entry", kwargs={"entry_id": entry_id})
    purge_article(
        article=blog,
        extra_paths=[
            entries_json_url(blog_id=blog.pk),
            f"{_blog_path(blog)}{subpage}",
            *live_blog_feed_urls(blog_id=blog.pk),
        ],
    )
    live_blog_version_bump(blog_id=blog.pk)
    # Bumped again after commit: a poll between the two must not keep the old document.
    transaction.on_commit(lambda: live_blog_version_bump(blog_id=blog.pk))


def _blog_path(blog: LiveBlogPage) -> str:
    parts = blog.get_url_parts()
    return parts[2] if parts else "/"


def _validated(entry: LiveBlogEntry) -> LiveBlogEntry:
    if not len(entry.body):
        raise ValidationError({"body": EMPTY_ENTRY})
    entry.full_clean()
    return entry


@transaction.atomic
def live_blog_create(
    *,
    section,
    title: str,
    summary: str = "",
    tags: Sequence[tuple[str, str | None]] = (),
    authors=(),
    publish: bool = True,
    user=None,
    **fields,
) -> LiveBlogPage:
    """File a new live blog under ``section`` (a story's page, with entries to come)."""
    blog = LiveBlogPage(
        title=title,
        slug=unique_child_slug(parent=section, title=title),
        summary=summary,
        live=False,
        **fields,
    )
    section.add_child(instance=blog)
    blog.tags.set([tag_get_or_create(name=name, kind=kind) for name, kind in tags])
    article_authors_set(article=blog, authors=authors)
    revision = blog.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        blog.refresh_from_db()  # publishing saved a copy of the page, not this object
    return blog


@transaction.atomic
def entry_post(
    *,
    blog: LiveBlogPage,
    user,
    body,
    title: str = "",
    author=None,
    is_key_event: bool = False,
    is_pinned: bool = False,
    published_at=None,
) -> LiveBlogEntry:
    """Publish one entry on the blog, at once (no page revision, no workflow)."""
    _require_edit(blog=blog, user=user)
    return entry_create(
        blog=blog,
        body=body,
        title=title,
        author=author,
        is_key_event=is_key_event,
        is_pinned=is_pinned,
        published_at=published_at,
    )


@transaction.atomic
def entry_create(
    *,
    blog: LiveBlogPage,
    body,
    title: str = "",
    author=None,
    is_key_event: bool = False,
    is_pinned: bool = False,
    published_at=None,
) -> LiveBlogEntry:
    """Store and show an entry without asking who posts it (the demo, imports)."""
    entry = _validated(
        LiveBlogEntry(
            blog=blog,
            title=title.strip(),
            body=body,
            author=author,
            is_key_event=is_key_event,
            is_pinned=is_pinned,
            published_at=published_at or timezone.now(),
        )
    )
    entry.save()
    _after_write(blog=blog, entry_id=entry.pk)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: LiveBlogEntry,
    user,
    body,
    title: str = "",
    author=None,
    is_key_event: bool | None = None,
    is_pinned: bool | None = None,
) -> LiveBlogEntry:
    """Change an entry's text (and flags); readers see it marked "Updated <time>"."""
    entry = LiveBlogEntry.objects.select_for_update().get(pk=entry.pk)
    blog = LiveBlogPage.objects.get(pk=entry.blog_id)
    _require_edit(blog=blog, user=user)
    entry.title, entry.body, entry.author = title.strip(), body, author
    if is_key_event is not None:
        entry.is_key_event = is_key_event
    if is_pinned is not None:
        entry.is_pinned = is_pinned
    _validated(entry)
    entry.updated_at = timezone.now()
    entry.save()
    _after_write(blog=blog, entry_id=entry.pk)
    return entry


@transaction.atomic
def entry_flags_set(
    *, entry: LiveBlogEntry, user, is_key_event: bool | None = None, is_pinned: bool | None = None
) -> LiveBlogEntry:
    """Pin or unpin, flag or unflag as a key event; not an edit, so no "Updated" mark."""
    entry = LiveBlogEntry.objects.select_for_update().get(pk=entry.pk)
    blog = LiveBlogPage.objects.get(pk=entry.blog_id)
    _require_edit(blog=blog, user=user)
    if is_key_event is not None:
        entry.is_key_event = is_key_event
    if is_pinned is not None:
        entry.is_pinned = is_pinned
    entry.save(update_fields=["is_key_event", "is_pinned"])
    _after_write(blog=blog, entry_id=entry.pk)
    return entry


@transaction.atomic
def entry_delete(*, entry: LiveBlogEntry, user) -> None:
    blog = LiveBlogPage.objects.get(pk=entry.blog_id)
    _require_edit(blog=blog, user=user)
    entry_id = entry.pk
    LiveBlogEntry.objects.filter(pk=entry_id).delete()
    _after_write(blog=blog, entry_id=entry_id)
