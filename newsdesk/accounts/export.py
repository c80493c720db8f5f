"""A reader's data, as one JSON document: a small registry that other apps add to.

Each exporter is a function ``fn(user) -> JSON-serialisable value`` registered under a
name, which becomes a top-level key of the download::

    from newsdesk.accounts.export import register_exporter

    def comments_export(user):
        return [{"article": c.article.url, "text": c.text, ...} for c in ...]

    register_exporter("comments", comments_export)   # in your AppConfig.ready()

Exporters must return everything the reader gave us or we hold about them, and nothing
about anyone else. Registering a name twice replaces the earlier exporter (so tests and
reloads are idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

FORMAT = "newsdesk-export/1"

_exporters: dict[str, Callable[[Any], Any]] = {}


def register_exporter(name: str, fn: Callable[[Any], Any]) -> None:
    _exporters[name] = fn


def registered_exporters() -> dict[str, Callable[[Any], Any]]:
    return dict(_exporters)


def account_export(*, user) -> dict[str, Any]:
    """Everything we hold about ``user``, keyed by exporter name."""
    data: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now().isoformat()}
    for name, fn in sorted(_exporters.items()):
        data[name] = fn(user)
    return data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_exporter(user) -> dict[str, Any]:
    """The account itself: emails, names, sign-in methods and current sessions."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount
    from allauth.usersessions.models import UserSession

    return {
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
