"""Reads of profiles."""

from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import username_key


def profile_for_user(*, user) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.filter(user=user).first()


def profile_by_username(*, username: str) -> Profile | None:
    """The live profile with this name in any case or width; None for unknown and deleted."""
    return Profile.objects.filter(username_key=username_key(username), user__isnull=False).first()


def profile_tombstone_by_username(*, username: str) -> Profile | None:
    return Profile.objects.filter(username_key=username_key(username), user__isnull=True).first()


def username_is_free(*, username: str) -> bool:
    return not Profile.objects.filter(username_key=username_key(username)).exists()
