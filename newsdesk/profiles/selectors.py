"""Reads of profiles."""

from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import (
    NEAR_MATCH_MIN_LENGTH,
    skeleton_neighbours,
    username_key,
    username_skeleton,
)


def profile_for_user(*, user) -> Profile | None:
    """The reader's profile, or None; asked once per user object.

    Through the one-to-one accessor, which keeps the answer on ``user``: a request's
    guards, services and templates all ask for the same reader's profile. Creating the
    profile with ``Profile(user=user)`` updates that copy.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def profile_by_username(*, username: str) -> Profile | None:
    """The live profile with this name in any case or width; None for unknown and deleted."""
    return Profile.objects.filter(username_key=username_key(username), user__isnull=False).first()


def profile_tombstone_by_username(*, username: str) -> Profile | None:
    return Profile.objects.filter(username_key=username_key(username), user__isnull=True).first()


def username_is_free(*, username: str) -> bool:
    return not Profile.objects.filter(username_key=username_key(username)).exists()


def username_looks_taken(*, username: str) -> bool:
    """Whether ``username`` could pass for a name already issued (deleted accounts included).

    Same skeleton, or for longer names one edit away from one: a single indexed query.
    """
    skeleton = username_skeleton(username)
    candidates = {skeleton}
    if len(skeleton) >= NEAR_MATCH_MIN_LENGTH:
        candidates |= skeleton_neighbours(skeleton)
    return Profile.objects.filter(username_skeleton__in=candidates).exists()
