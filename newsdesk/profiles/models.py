"""Public reader profiles: a permanent username, shown at /people/<username>/ network-wide."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Profile(models.Model):
    """A reader's public identity. The username never changes and is never issued again.

    ``username_key`` is the comparison form of the username (NFKC, case-folded) and is
    unique across the whole network, including profiles of deleted accounts (tombstones,
    whose ``user`` is null).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile",
    )
    username = models.CharField(max_length=30)
    username_key = models.CharField(max_length=30, unique=True, editable=False)
    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["username_key"]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("profiles:detail", kwargs={"username": self.username})

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    @property
    def is_tombstone(self) -> bool:
        return self.user_id is None
