"""Reader contributions: stories and pictures that editors review through Wagtail workflows.

A ``Submission`` is a snippet with Wagtail's own draft, revision, locking and workflow
machinery (like bakerydemo's ``Person``). The reader saves drafts and sends it; sending
starts the "Contribution review" workflow; an editor's approval publishes the snippet,
and ``signals.on_submission_published`` turns it into an article or gallery pictures.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: 'don't' and 'well-known' are one word each."""
    return len(WORD.findall(text or ""))


class Submission(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A reader's story or set of pictures, from draft to publication."""

    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        PICTURES = "pictures", _("Pictures")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STORY)
    contributor = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="submissions"
    )
    title = models.CharField(max_length=150)
    body = models.TextField(blank=True, max_length=30_000)
    place = models.CharField(
        max_length=120, blank=True, help_text=_("Where it happened, e.g. 'Durban beachfront'.")
    )
    happened_on = models.DateField(null=True, blank=True)
    rights_confirmed = models.BooleanField(
        default=False,
        help_text=_("The reader confirmed this is their own work and that we may publish it."),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    news_in_pictures = models.ForeignKey(
        "galleries.GalleryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Also add to News in Pictures gallery"),
        help_text=_("Pictures only: on approval, the photos are added to this gallery too."),
    )

    revisions = GenericRelation("wagtailcore.Revision", related_query_name="submission")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="submission",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reader contribution")
        verbose_name_plural = _("reader contributions")

    def __str__(self) -> str:
        return self.title

    @property
    def _revisions(self):
        return self.revisions

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    def get_absolute_url(self) -> str:
        return reverse("contributions:edit", kwargs={"pk": self.pk})


class SubmissionPhoto(Orderable):
    """One photo of a submission, already cleaned (see ``images.uploads``)."""

    submission = ParentalKey(Submission, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("images.CustomImage", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=500)
    place = models.CharField(max_length=120, blank=True)
    taken_on = models.DateField(null=True, blank=True)

    panels = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("place"),
        FieldPanel("taken_on"),
    ]

    def __str__(self) -> str:
        return self.caption


class PublishedContributionQuerySet(models.QuerySet):
    def public(self):
        """What readers may see: live pictures, and stories whose article is live and public.

        A story is only as public as its article: once an editor unpublishes it or puts a
        view restriction on it, its title and text leave the profile and the feed too.
        """
        public_articles = Page.objects.live().public().values("pk")
        return self.filter(submission__live=True).filter(
            models.Q(submission__kind=Submission.Kind.PICTURES)
            | models.Q(article__in=public_articles)
        )


class PublishedContribution(models.Model):
    """What an approved submission became: the community article, if it was a story.

    Kept here rather than on ``ArticlePage`` so the articles app needs no migration; the
    article's byline finds its contributor through this row.
    """

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="publication"
    )
    contributor = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="publications"
    )
    article = models.OneToOneField(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contribution",
    )
    published_at = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    objects = PublishedContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.submission} ({self.contributor})"
