"""Authors: the people behind bylines, with a page of their stories at /authors/<slug>/."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index


class Author(index.Indexed, ClusterableModel):
    """A reporter, photographer or columnist; editors manage them as a snippet."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text=_("The address: /authors/<slug>/.")
    )
    role = models.CharField(max_length=100, blank=True, help_text=_("e.g. 'Political editor'."))
    bio = models.TextField(blank=True, max_length=2000)
    photo = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        InlinePanel("links", heading=_("Links"), label=_("Link")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("authors:detail", kwargs={"slug": self.slug})


class AuthorLink(Orderable):
    """A link on the author's page: their social profile, website or email."""

    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text=_("e.g. 'Mastodon' or 'Website'."))
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self) -> str:
        return self.label
