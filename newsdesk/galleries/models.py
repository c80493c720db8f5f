"""Editors' photo galleries ("News in Pictures")."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet

from newsdesk.core.models import BasePage


class GalleryIndexPage(BasePage):
    """Lists the site's galleries, newest first."""

    intro = models.TextField(blank=True, max_length=500)

    parent_page_types = ["sections.HomePage"]
    subpage_types = ["galleries.GalleryPage"]
    max_count_per_parent = 1
    template = "galleries/gallery_index_page.html"

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["galleries"] = GalleryPage.objects.listed(
            site_root=self.get_site().root_page
        ).with_covers()[:GALLERY_INDEX_SIZE]
        return context


GALLERY_INDEX_SIZE = 48


class GalleryPageQuerySet(PageQuerySet):
    def listed(self, *, site_root):
        """The one rule for listing galleries (index page, API, multimedia): the site's
        live, public galleries, newest first."""
        return self.live().public().descendant_of(site_root).order_by("-first_published_at", "-pk")

    def with_covers(self):
        return self.prefetch_related(
            Prefetch("photos", queryset=GalleryPhoto.objects.select_related("image"))
        )


class GalleryPage(BasePage):
    """A set of photos with captions and credits, shown in order."""

    intro = models.TextField(blank=True, max_length=1000)

    parent_page_types = ["galleries.GalleryIndexPage", "sections.SectionPage"]
    subpage_types: list[str] = []
    template = "galleries/gallery_page.html"

    objects = PageManager.from_queryset(GalleryPageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo"), min_num=1),
    ]

    class Meta:
        verbose_name = _("gallery")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = self.photos.select_related("image").prefetch_related(
            "image__renditions"
        )
        return context

    @property
    def cover(self):
        first = self.photos.first()
        return first.image if first else None


class GalleryPhoto(Orderable):
    gallery = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("images.CustomImage", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption

    @property
    def shown_credit(self) -> str:
        return self.credit or self.image.credit
