"""Public reader profiles: a permanent username, shown at /people/<username>/ network-wide."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.urls import reverse

from newsdesk.profiles.usernames import username_key, username_problem, username_skeleton


class Profile(models.Model):
    """A reader's public identity. The username never changes and is never issued again.

    ``username_key`` is the comparison form of the username (NFKC, case-folded) and is
    unique across the whole network, including profiles of deleted accounts (tombstones,
    whose ``user`` is null). The avatar is a plain file field, not a Wagtail image: it is
    the reader's personal data (deleted with the account), it is already cropped and
    re-encoded to one small square on upload, and it must never turn up in the editors'
    image library or choosers.
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
    # What the name looks like (usernames.username_skeleton), indexed so that a new name
    # is checked against every look-alike already issued in one query.
    username_skeleton = models.CharField(
        max_length=30, db_index=True, editable=False, blank=True, default=""
    )
    # A NUL byte cannot be stored in PostgreSQL text: refuse it here too, not only in forms,
    # so every path through the services gets the message instead of a database error.
    display_name = models.CharField(
        max_length=80, blank=True, validators=[ProhibitNullCharactersValidator()]
    )
    bio = models.TextField(
        max_length=500, blank=True, validators=[ProhibitNullCharactersValidator()]
    )
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["username_key"]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("profiles:detail", kwargs={"username": self.username})

    def clean(self) -> None:
        problem = username_problem(self.username)
        if problem and not self.is_tombstone:
            raise ValidationError({"username": problem})
        self.username_key = username_key(self.username)
        self.username_skeleton = username_skeleton(self.username)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    @property
    def is_tombstone(self) -> bool:
        return self.user_id is None
