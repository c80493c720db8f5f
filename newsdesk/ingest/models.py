"""Wire sources that editors configure in the admin and the worker polls."""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class IngestSource(models.Model):
    """A feed or item URL whose stories become articles in one section."""

    class Format(models.TextChoices):
        AUTO = "auto", _("Detect from the document")
        RSS = "rss", _("RSS or Atom feed")
        NINJS = "ninjs", _("IPTC ninjs (JSON)")
        NEWSML = "newsml", _("IPTC NewsML-G2 (XML)")
        HTML = "html", _("HTML article page")

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=50, unique=True, help_text=_("For the command line: newsdesk ingest <slug>.")
    )
    url = models.URLField(
        max_length=1000, validators=[URLValidator(schemes=["http", "https"])], verbose_name=_("URL")
    )
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.AUTO)
    section = models.ForeignKey(
        "sections.SectionPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section its stories are filed under."),
    )
    publish = models.BooleanField(
        default=False,
        help_text=_("Publish stories straight away. Leave off to save them as drafts for editors."),
    )
    lenient = models.BooleanField(
        default=False,
        help_text=(
            _(
                "Read what can be read of a feed that is not well-formed XML (a download cut "
                "short). Off: such a feed stores nothing and the run fails with the reason."
            )
        ),
    )
    active = models.BooleanField(default=True, help_text=_("Polled by the worker when on."))
    poll_every_minutes = models.PositiveIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.CharField(max_length=300, blank=True, editable=False)
    last_errors = models.TextField(blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("url"),
        FieldPanel("format"),
        FieldPanel("section"),
        MultiFieldPanel(
            [
                FieldPanel("publish"),
                FieldPanel("lenient"),
                FieldPanel("active"),
                FieldPanel("poll_every_minutes"),
            ],
            heading=_("Publishing and polling"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")

    def __str__(self) -> str:
        return self.name

    def is_due(self, now=None) -> bool:
        if not self.active or self.section_id is None:
            return False
        if self.last_polled_at is None:
            return True
        now = now or timezone.now()
        return now - self.last_polled_at >= timedelta(minutes=self.poll_every_minutes)


class Decision(models.TextChoices):
    """What the decide step made of one item (docs/DISTRIBUTION.md has the table)."""

    NEW = "new", _("New story")
    NEWER = "newer", _("Newer version")
    CORRECTION = "correction", _("Correction: newer version, noted on the story")
    OLDER = "older", _("Older version: ignored")
    UNCHANGED = "unchanged", _("Unchanged")
    KILLED = "killed", _("Killed or withheld: unpublished")
    EMBARGOED = "embargoed", _("Embargoed: scheduled")
    FAILED = "failed", _("Not imported")


class IngestRun(models.Model):
    """One import of one document: from a configured source, a URL or a file."""

    source = models.ForeignKey(
        IngestSource, null=True, blank=True, on_delete=models.CASCADE, related_name="runs"
    )
    location = models.CharField(max_length=1000, help_text=_("The URL or file read."))
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("wire run")

    def __str__(self) -> str:
        return f"{self.location} at {self.started_at:%Y-%m-%d %H:%M}"


class IngestDecision(models.Model):
    """What became of one item of a run, and why."""

    run = models.ForeignKey(IngestRun, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(help_text=_("The item's place in the document."))
    item_id = models.CharField(max_length=255, blank=True)
    headline = models.CharField(max_length=255, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField(blank=True)
    version = models.CharField(max_length=50, blank=True)
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["run", "position"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.decision}"


class WireItemVersion(models.Model):
    """The newest version of each wire item stored so far, so an older one never wins."""

    source_id = models.CharField(max_length=255, unique=True)
    version = models.CharField(max_length=50, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source_id} v{self.version or '?'}"
