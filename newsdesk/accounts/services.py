"""Writes on reader accounts: deletion (personal data gone, the username kept).

Apps that keep personal data outside rows that cascade from the user register an eraser
with the ``ACCOUNT_ERASE`` hook (``newsdesk.core.hooks``); each runs inside the deletion
transaction, before the user row goes: profiles keep a tombstone, discussions anonymise
comments, and so on.
"""

from __future__ import annotations

from allauth.usersessions.models import UserSession
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from newsdesk.core.hooks import ACCOUNT_ERASE

WRONG_PASSWORD = _("That password is not right. Your account has not been deleted.")
ACCOUNT_DELETED = _(
    "Your account has been deleted. Your username stays reserved so nobody can pose as you."
)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete ``user``: email addresses, social accounts, sessions and names go with the row.

    The profile becomes a tombstone that keeps only the username, so it is never issued
    again. Every session of the reader ends, on every device.
    """
    for eraser in hooks.get_hooks(ACCOUNT_ERASE):
        eraser(user=user)
    for session in UserSession.objects.filter(user=user):
        session.end()
    # EmailAddress, SocialAccount, SocialToken, UserSession and Wagtail's UserProfile
    # cascade; other apps' rows follow their own on_delete.
    user.delete()
