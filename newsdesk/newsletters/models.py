"""Newsletters, their subscribers, and each issue's deliveries (one row per mail)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

WEEKDAYS_HELP = _("Days to send on: 0 is Monday, 6 is Sunday; e.g. 01234 for weekdays.")
SECTION_REQUIRED = _("A section digest needs a section.")
TAG_REQUIRED = _("A tag digest needs a tag.")


class Newsletter(models.Model):
    """A mailing one site offers its readers: a briefing, a digest or breaking alerts."""

    class Kind(models.TextChoices):
        DAILY = "daily", _("Daily briefing (the site's top stories)")
        SECTION = "section", _("Section digest")
        TAG = "tag", _("Tag digest")
        BREAKING = "breaking", _("Breaking-news alert (sent from an article)")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DAILY)
    section = models.ForeignKey(
        "sections.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tag = models.ForeignKey(
        "tags.Tag",
        verbose_name=_("tag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    send_time = models.TimeField(
        _("send time"),
        default=datetime.time(6, 0),
        help_text=_("In the site's time zone (Site settings)."),
    )
    weekdays = models.CharField(
        _("days of the week"),
        max_length=7,
        default="0123456",
        validators=[RegexValidator(r"^[0-6]{1,7}$", WEEKDAYS_HELP)],
        help_text=WEEKDAYS_HELP,
    )
    story_count = models.PositiveSmallIntegerField(_("stories per issue"), default=8)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order on the page"), default=0)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("section"), FieldPanel("tag")]),
        MultiFieldPanel(
            [FieldPanel("send_time"), FieldPanel("weekdays"), FieldPanel("story_count")],
            heading=_("Schedule"),
        ),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="newsletter_unique_slug_per_site")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.SECTION and not self.section_id:
            raise ValidationError({"section": SECTION_REQUIRED})
        if self.kind == self.Kind.TAG and not self.tag_id:
            raise ValidationError({"tag": TAG_REQUIRED})

    @property
    def is_scheduled(self) -> bool:
        return self.kind != self.Kind.BREAKING

    def sends_on(self, day: datetime.date) -> bool:
        return str(day.weekday()) in self.weekdays


class Subscriber(models.Model):
    """One email address, with or without an account; the unit a mail goes to."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        INVALID = "invalid", _("Invalid address")

    email = models.EmailField(_("email"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscribers",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def may_receive(self) -> bool:
        return self.status == self.Status.ACTIVE


class Subscription(models.Model):
    """A subscriber's wish to get a newsletter; mail goes out only once confirmed."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="subscription_unique_per_newsletter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} → {self.newsletter}"


class Issue(models.Model):
    """One mailing of a newsletter, rendered once; its deliveries say who has had it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="issues")
    subject = models.CharField(_("subject"), max_length=200)
    html_body = models.TextField()
    text_body = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # The local day a scheduled issue is for: at most one per newsletter and day.
    edition_date = models.DateField(null=True, blank=True)
    article = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "edition_date"],
                condition=models.Q(edition_date__isnull=False),
                name="issue_one_edition_per_day",
            ),
            # A breaking alert goes out once per article, however often the form is posted.
            models.UniqueConstraint(
                fields=["newsletter", "article"],
                condition=models.Q(article__isnull=False),
                name="issue_one_alert_per_article",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One mail of one issue to one subscriber: the row that keeps a send from doubling.

    pending → claimed (by a sender's batch) → sending (just before the SMTP call) → sent
    or failed. A sender that dies leaves ``claimed`` rows (never tried: back to pending)
    and at most one ``sending`` row (perhaps sent: marked uncertain, never retried).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed by a sender")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (address bounced or unsubscribed)")
        UNCERTAIN = "uncertain", _("Uncertain (the sender stopped during the send)")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_one_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"
