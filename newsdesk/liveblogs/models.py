"""Live blogs: a story told as a stream of timestamped entries while it happens.

``LiveBlogPage`` is an ``ArticlePage`` (multi-table inheritance), so it is filed, tagged,
bylined, listed, fed, searched and purged exactly as a story is, by the code that already
does that for stories. Its entries are rows of their own, not page revisions: a reporter
posts one in a second without republishing the page or passing through the workflow,
which still applies to the page itself. The entry model lives in ``entries`` so that
the selectors the page calls can read entries without importing this module.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path

from newsdesk.articles.models import ArticlePage
from newsdesk.liveblogs.entries import LiveBlogEntry
from newsdesk.liveblogs.selectors import entry_context, page_context

__all__ = ["LiveBlogEntry", "LiveBlogPage"]

COVERAGE_ENDS_BEFORE_START = _("Coverage cannot end before it starts.")


class LiveBlogPage(RoutablePageMixin, ArticlePage):
    """A live blog: the story's page, with entries streamed in newest first."""

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.LIVE,
        help_text=_("Live: readers' pages look for new entries and cards say LIVE."),
    )
    coverage_start = models.DateTimeField(
        null=True, blank=True, help_text=_("When live coverage began; empty: first published.")
    )
    coverage_end = models.DateTimeField(
        null=True, blank=True, help_text=_("When live coverage ended (set it when you end it).")
    )

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []
    template = "liveblogs/live_blog_page.html"

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("coverage_start"), FieldPanel("coverage_end")],
            heading=_("Live coverage"),
            help_text=_("Entries are posted from the page's 'Live entries' button, not here."),
        ),
        *ArticlePage.content_panels[2:],
    ]

    class Meta:
        verbose_name = _("live blog")

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def coverage_started_at(self):
        return self.coverage_start or self.first_published_at

    def clean(self):
        super().clean()
        if self.coverage_start and self.coverage_end and self.coverage_end < self.coverage_start:
            raise ValidationError({"coverage_end": COVERAGE_ENDS_BEFORE_START})

    def get_context(self, request, *args, entry_id: int | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if entry_id is None:
            context.update(page_context(blog=self, request=request, tags=context["tags"]))
        else:
            context.update(entry_context(blog=self, entry_id=entry_id, request=request))
        return context

    # At most 18 digits, as the project's ``id`` converter (not registered yet when
    # models load): a longer number could not be a row id and would fail in the query.
    @re_path(r"^entry/(?P<entry_id>[0-9]{1,18})/$", name="entry")
    def entry(self, request, entry_id: str):
        """One entry on a page of its own, to share: its own title, canonical and card."""
        return self.render(
            request, entry_id=int(entry_id), template="liveblogs/live_blog_entry_page.html"
        )
