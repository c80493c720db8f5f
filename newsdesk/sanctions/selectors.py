"""Reads of sanctions: is this reader allowed to post on this site right now?"""

from django.db.models import Q
from django.utils import timezone

from newsdesk.sanctions.models import Sanction


def sanctions_in_force(*, now=None):
    """Sanctions of any kind in force at ``now``: not revoked, and no end or one to come."""
    now = now or timezone.now()
    return Sanction.objects.filter(revoked_at__isnull=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


def sanction_active_for(*, user, site) -> Sanction | None:
    """The blocking sanction (timeout, site ban, network ban) in force now, longest first."""
    if not getattr(user, "is_authenticated", False):
        return None
    now = timezone.now()
    scope = Q(kind__in=[Sanction.Kind.TIMEOUT, Sanction.Kind.NETWORK_BAN])
    if site is not None:
        scope |= Q(kind=Sanction.Kind.SITE_BAN, site=site)
    candidates = sanctions_in_force(now=now).filter(scope, user=user).order_by("ends_at")
    # Bans (no end) sort last in ascending order on PostgreSQL and first on SQLite:
    # pick the one that lasts longest in Python, there are only ever a handful.
    active = list(candidates)
    if not active:
        return None
    return max(active, key=lambda s: (s.ends_at is None, s.ends_at or now))


def user_may_post(*, user, site) -> bool:
    return sanction_active_for(user=user, site=site) is None


def sanctions_for_user(*, user):
    return Sanction.objects.filter(user=user).select_related("site", "created_by")
