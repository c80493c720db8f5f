"""The user model, custom from the first migration so readers' fields can grow here."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

READER_HANDLE_PREFIX = "reader-"


class User(AbstractUser):
    """A person who signs in: reader, contributor, reporter, editor or moderator."""

    email = models.EmailField("email address", blank=True, db_index=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """How people see this account: never the internal ``reader-<hex>`` handle.

        A reader's ``username`` is a random sign-in handle (see ``adapters``); moderators,
        mails and messages name them by their public profile, or by email before they
        have one. Staff keep the usernames they were given.
        """
        try:
            profile = self.profile
        except ObjectDoesNotExist:
            profile = None
        if profile is not None:
            if profile.display_name and profile.display_name != profile.username:
                return f"{profile.display_name} (@{profile.username})"
            return f"@{profile.username}"
        if self.username and not self.username.startswith(READER_HANDLE_PREFIX):
            return self.get_full_name() or self.username
        return self.email or "a reader without a profile"
