"""A reader's data, as one JSON document assembled from the ``USER_DATA_EXPORT`` hook.

Every app that keeps something about a reader registers an exporter in its
``wagtail_hooks.py`` (see ``newsdesk.core.hooks`` for the contract)::

    @hooks.register(USER_DATA_EXPORT)
    def comments_export(*, user):
        return {"comments": [{"article": ..., "text": ...} for c in ...]}

``accounts/tests/test_privacy_guard.py`` fails when a model that points at the user is
neither exported nor listed as deliberately left out.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.utils import timezone
from wagtail import hooks

from newsdesk.core.hooks import USER_DATA_EXPORT

FORMAT = "newsdesk-export/1"
DUPLICATE_KEY = "Two exporters both write the key {key!r} of the reader's export."


def account_export(*, user) -> dict[str, Any]:
    """Everything we hold about ``user``, keyed by the exporters' names."""
    data: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now().isoformat()}
    parts: dict[str, Any] = {}
    for fn in hooks.get_hooks(USER_DATA_EXPORT):
        for key, value in fn(user=user).items():
            if key in parts or key in data:
                raise ValueError(DUPLICATE_KEY.format(key=key))
            parts[key] = value
    data.update(sorted(parts.items()))
    return data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_exporter(*, user) -> dict[str, Any]:
    """The account itself: emails, names, sign-in methods and current sessions."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "has_password": user.has_usable_password(),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("email")
            ],
            "social_accounts": [
                {
                    "provider": a.provider,
                    "uid": a.uid,
                    "date_joined": _iso(a.date_joined),
                    "last_login": _iso(a.last_login),
                    "extra_data": a.extra_data,
                }
                for a in SocialAccount.objects.filter(user=user).order_by("provider")
            ],
            "sessions": [
                {
                    "ip": s.ip,
                    "user_agent": s.user_agent,
                    "created_at": _iso(s.created_at),
                    "last_seen_at": _iso(s.last_seen_at),
                }
                for s in UserSession.objects.filter(user=user).order_by("created_at")
            ],
        }
    }
