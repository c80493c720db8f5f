"""Sanctions on readers: a warning, a timeout, a ban on one site or on the whole network.

A sanction records who imposed it, when and why. Timeouts end by themselves; bans last
until revoked. Readers under a blocking sanction cannot post anything the network's
community features accept (comments today, contributions later): ask ``user_may_post``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sanction(models.Model):
    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        TIMEOUT = "timeout", _("Timeout")
        SITE_BAN = "site_ban", _("Ban on this site")
        NETWORK_BAN = "network_ban", _("Ban on the whole network")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The site a site ban applies to."),
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a timeout ends. Bans last until revoked.")
    )
    reason = models.TextField(help_text=_("Why: the author is shown this."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user}"

    def clean(self):
        if self.kind == self.Kind.SITE_BAN and self.site_id is None:
            raise ValidationError({"site": "A ban on one site needs the site."})
        if self.kind == self.Kind.TIMEOUT and self.ends_at is None:
            raise ValidationError({"ends_at": "A timeout needs an end time."})
        if not (self.reason or "").strip():
            raise ValidationError({"reason": "Say why: the reader is shown the reason."})

    @property
    def blocks_posting(self) -> bool:
        return self.kind != self.Kind.WARNING

    def is_active(self, *, now=None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.ends_at is None or self.ends_at > now
