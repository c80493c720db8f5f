"""A live blog's entries: rows of their own, so posting one is not a page revision."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from newsdesk.liveblogs.blocks import LiveBlogEntryBlock


class LiveBlogEntryQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_display(self):
        return self.select_related("author")


class LiveBlogEntry(models.Model):
    """One timestamped update on a live blog."""

    blog = models.ForeignKey(
        "liveblogs.LiveBlogPage", on_delete=models.CASCADE, related_name="entries"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = StreamField(LiveBlogEntryBlock(), verbose_name=_("text"))
    author = models.ForeignKey(
        "authors.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_blog_entries",
        verbose_name=_("author"),
    )
    is_key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("Listed in the summary at the top.")
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown above the stream until unpinned.")
    )
    published_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LiveBlogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live blog entry")
        verbose_name_plural = _("live blog entries")
        indexes = [models.Index(fields=["blog", "-published_at"], name="liveblog_entry_stream")]

    def __str__(self) -> str:
        return self.title or f"{self.blog_id}: {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def headline(self) -> str:
        """The entry's title, or the start of its first paragraph (for summaries and feeds)."""
        return self.title or self.plain_text[:110]

    @property
    def plain_text(self) -> str:
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "quote":
                parts.append(block.value["quote"])
        return " ".join(" ".join(parts).split())
