"""Places, readers' per-component location choices, traffic alerts and listings."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

BAD_TIME_ZONE = _("Choose an IANA time zone such as Africa/Johannesburg.")
REGION_MUST_BE_REGION = _("A place's region must be a region (a province or state).")
EXPIRES_BEFORE_START = _("An alert must expire after it starts.")
ENDS_BEFORE_START = _("A listing must end after it starts.")


class Place(models.Model):
    """A city or a region (province, state) readers can choose for a component."""

    class Kind(models.TextChoices):
        CITY = "city", _("City or town")
        REGION = "region", _("Region (province or state)")

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CITY)
    region = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        limit_choices_to={"kind": "region"},
        help_text=_(
            "The province or state a city is in: its readers also see the region's news and alerts."
        ),
    )
    country = models.CharField(max_length=60, default="South Africa")
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    time_zone = models.CharField(max_length=60, default="Africa/Johannesburg")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("country"),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("time_zone")],
            heading=_("Where it is"),
        ),
    ]

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": BAD_TIME_ZONE})
        if self.region_id and self.region.kind != self.Kind.REGION:
            raise ValidationError({"region": REGION_MUST_BE_REGION})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def with_region(self) -> list[Place]:
        """This place and the region it is in: what 'local' means for it."""
        return [self, self.region] if self.region_id else [self]


class LocationChoice(models.Model):
    """A signed-in reader's place for one component; on the user, so it follows them
    to every site of the network."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="location_choices"
    )
    # A registered component's name (see newsdesk.local.components); not a choices field,
    # because add-ons register components at run time.
    component = models.CharField(max_length=40)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "component"], name="one_place_per_component")
        ]

    def __str__(self) -> str:
        return f"{self.component}: {self.place}"


class TrafficAlertQuerySet(models.QuerySet):
    def current(self, *, now):
        """Started and not yet expired: expiry needs no job, the query leaves them out."""
        return self.filter(starts_at__lte=now, expires_at__gt=now)


class TrafficAlert(models.Model):
    class Severity(models.TextChoices):
        MINOR = "minor", _("Minor")
        MODERATE = "moderate", _("Moderate")
        SEVERE = "severe", _("Severe")

    region = models.ForeignKey(
        Place,
        on_delete=models.CASCADE,
        related_name="traffic_alerts",
        help_text=_("A city, or a region: a region's alerts show to readers in all its cities."),
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MODERATE)
    headline = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # Alerts imported from a feed keep the entry's id so a second import updates them.
    source_id = models.CharField(max_length=500, null=True, blank=True, unique=True, editable=False)
    source_url = models.URLField(max_length=500, blank=True)

    objects = TrafficAlertQuerySet.as_manager()

    panels = [
        FieldPanel("region"),
        FieldPanel("severity"),
        FieldPanel("headline"),
        FieldPanel("details"),
        FieldPanel("starts_at"),
        FieldPanel("expires_at"),
        FieldPanel("source_url"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["region", "expires_at"])]

    def __str__(self) -> str:
        return self.headline

    def clean(self):
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": EXPIRES_BEFORE_START})


class TrafficFeed(models.Model):
    """An RSS or Atom feed of traffic alerts, imported by ``import_traffic_alerts``."""

    url = models.URLField(max_length=500, unique=True)
    region = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    severity = models.CharField(
        max_length=10,
        choices=TrafficAlert.Severity.choices,
        default=TrafficAlert.Severity.MODERATE,
        help_text=_("Given to entries whose title does not say how bad it is."),
    )
    hours = models.PositiveSmallIntegerField(
        default=6, help_text=_("How long an imported alert shows, from its publication time.")
    )
    enabled = models.BooleanField(default=True)
    last_imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class ListingQuerySet(models.QuerySet):
    def upcoming(self, *, now):
        return self.filter(
            models.Q(ends_at__gt=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        )


class Listing(models.Model):
    """An event, or a TV programme, for readers in a place."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        TV = "tv", _("TV")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVENT)
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    venue = models.CharField(max_length=200, blank=True, help_text=_("Venue, or TV channel."))
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    # The iCalendar UID of an imported entry, so importing again updates it.
    source_id = models.CharField(max_length=500, null=True, blank=True, unique=True, editable=False)

    objects = ListingQuerySet.as_manager()

    panels = [
        FieldPanel("place"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("details"),
        FieldPanel("venue"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["place", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": ENDS_BEFORE_START})
