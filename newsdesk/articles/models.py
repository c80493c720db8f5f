"""Articles: the stories of the newsroom, with headline, dateline, lead photo and tags."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from newsdesk.articles.querysets import ArticlePageManager
from newsdesk.articles.translations import article_translations
from newsdesk.core.blocks import StoryBodyBlock
from newsdesk.core.locales import locale_language_code
from newsdesk.core.models import BasePage


class ArticleTag(ItemBase):
    tag = models.ForeignKey("tags.Tag", on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BasePage):
    """One story, filed under a section."""

    dateline = models.CharField(
        max_length=100, blank=True, help_text=_("Where the story was filed from, e.g. 'Tokyo'.")
    )
    byline = models.CharField(max_length=200, blank=True, help_text=_("Reporter name(s)."))
    agency = models.CharField(max_length=100, blank=True, help_text=_("Wire agency, e.g. 'AFP'."))
    summary = models.TextField(
        blank=True, max_length=400, help_text=_("A one or two sentence standfirst for listings.")
    )
    lead_image = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        max_length=500, blank=True, help_text=_("Leave empty to use the image's own caption.")
    )
    lead_image_credit = models.CharField(
        max_length=255, blank=True, help_text=_("Leave empty to use the image's own credit.")
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    source_id = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The item's id in the source it was imported from; re-imports update it."),
    )
    language = models.CharField(
        max_length=35,
        blank=True,
        help_text=_("The story's language as a BCP 47 code ('de', 'pt-BR'); empty: the site's."),
    )
    source_url = models.URLField(
        max_length=1000,
        blank=True,
        verbose_name=_("source URL"),
        help_text=_("The story on its source's own site (wire items link to it)."),
    )
    source_is_teaser = models.BooleanField(
        default=False,
        verbose_name=_("teaser of the source's story"),
        help_text=(
            _(
                "The body is only the start of the story: the page ends with "
                "'Read the full story at <source>', linking to the source URL."
            )
        ),
    )

    objects = ArticlePageManager()

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []
    template = "articles/article_page.html"

    content_panels = [
        FieldPanel("title", heading=_("Headline")),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("dateline"), FieldPanel("byline"), FieldPanel("agency")],
            heading=_("Dateline and byline"),
        ),
        InlinePanel(
            "article_authors",
            heading=_("Authors"),
            label=_("Author"),
            help_text=_("Link the byline to author pages; they replace the free-text byline."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("language"), FieldPanel("source_url"), FieldPanel("source_is_teaser")],
            heading=_("Language and source"),
        ),
        InlinePanel(
            "corrections",
            heading=_("Corrections and updates"),
            label=_("Correction or update"),
            help_text=_("Dated notes shown under the story, newest first; publish to show them."),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("dateline"),
        index.SearchField("byline"),
        index.FilterField("first_published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("article")
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"],
                condition=~models.Q(source_id=""),
                name="article_unique_source_id",
            )
        ]

    @property
    def story_language(self) -> str:
        """The story's language for ``lang=``: its own code when set (a wire story in a
        language the network has no locale for), else its page tree's locale."""
        if self.language:
            return self.language
        # ``self.locale`` would cost a query per render for a table that barely changes.
        return locale_language_code(locale_id=self.locale_id)

    @property
    def headline(self) -> str:
        return self.title

    @property
    def caption(self) -> str:
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    @property
    def source_host(self) -> str:
        """The source's host name as readers know it ("herald.example.co.za")."""
        host = urlsplit(self.source_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def credit(self) -> str:
        if self.lead_image_credit:
            return self.lead_image_credit
        return self.lead_image.credit if self.lead_image else ""

    @property
    def authors(self) -> list:
        """The linked authors in the editor's order (prefetch ``article_authors__author``)."""
        return [link.author for link in self.article_authors.all()]

    def prefetch_authors(self) -> None:
        """Read the byline's authors once for a render: the byline, the contributor byline
        and the structured data each ask for them.

        Not for a page holding unsaved edits (a preview, a revision): those authors live
        in memory, where the relation answers without a query.
        """
        if "article_authors" in getattr(self, "_cluster_related_objects", {}):
            return
        prefetch_related_objects([self], "article_authors__author")

    @property
    def byline_names(self) -> str:
        """The linked authors' names, or the free-text byline when none are linked."""
        names = [author.name for author in self.authors]
        return " and ".join(names) if names else self.byline

    @property
    def byline_text(self) -> str:
        """'Jane Doe, AFP', 'AFP' or 'Jane Doe', as a byline line reads."""
        return ", ".join(part for part in (self.byline_names, self.agency) if part)

    @property
    def was_updated(self) -> bool:
        """True when the story was republished well after it first went out."""
        if not (self.first_published_at and self.last_published_at):
            return False
        return (self.last_published_at - self.first_published_at).total_seconds() > 60

    @property
    def tags_in_order(self):
        """The article's tags in the order the editor gave them."""
        items = self.tagged_items.select_related("tag").order_by("pk")
        return [item.tag for item in items]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_authors()
        context["tags"] = self.tags_in_order
        context["translations"] = article_translations(article=self, request=request)
        return context


class ArticleCorrection(Orderable):
    """A dated correction or update note on a published story (issue #7)."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    noted_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the correction or update was made.")
    )
    text = models.TextField(max_length=2000, help_text=_("What was wrong and what is right now."))

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.noted_at:%Y-%m-%d}"


class ArticleAuthor(Orderable):
    """An author on a story's byline, in order; the link behind /authors/<slug>/."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        "authors.Author", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_unique")
        ]

    def __str__(self) -> str:
        return str(self.author)
