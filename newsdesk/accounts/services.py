"""Writes on reader accounts: deletion (personal data gone, the username kept).

Other apps that hold personal data outside rows that cascade from the user register a
function with ``register_account_eraser(name, fn)`` (``fn(user)``, called inside the
deletion transaction, before the user row goes); e.g. discussions can anonymise a
reader's comments there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

WRONG_PASSWORD = "That password is not right. Your account has not been deleted."
ACCOUNT_DELETED = (
    "Your account has been deleted. Your username stays reserved so nobody can pose as you."
)

_erasers: dict[str, Callable[[Any], None]] = {}


def register_account_eraser(name: str, fn: Callable[[Any], None]) -> None:
    _erasers[name] = fn


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete ``user``: email addresses, social accounts, sessions and names go with the row.

    The profile becomes a tombstone that keeps only the username, so it is never issued
    again. Every session of the reader ends, on every device.
    """
    from allauth.usersessions.models import UserSession

    from newsdesk.profiles.selectors import profile_for_user
    from newsdesk.profiles.services import profile_tombstone

    for _name, fn in sorted(_erasers.items()):
        fn(user)
    profile = profile_for_user(user=user)
    if profile is not None:
        profile_tombstone(profile=profile)
    for session in UserSession.objects.filter(user=user):
        session.end()
    # EmailAddress, SocialAccount, SocialToken, UserSession and Wagtail's UserProfile
    # cascade; other apps' rows follow their own on_delete.
    user.delete()
