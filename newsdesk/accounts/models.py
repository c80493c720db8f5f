"""The user model, custom from the first migration so readers' fields can grow here."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in: reader, contributor, reporter, editor or moderator."""

    email = models.EmailField("email address", blank=True, db_index=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
