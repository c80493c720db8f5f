"""Reads of profiles."""

from newsdesk.profiles.models import Profile


def profile_for_user(*, user) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.filter(user=user).first()


def profile_by_username(*, username: str) -> Profile | None:
    from newsdesk.profiles.usernames import username_key

    return Profile.objects.filter(username_key=username_key(username), user__isnull=False).first()
