"""Writes on sanctions: impose and revoke. Every write is one transaction."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.sanctions.models import Sanction

ALREADY_REVOKED = _("This sanction was already revoked.")


@transaction.atomic
def sanction_create(
    *,
    user,
    kind: str,
    reason: str,
    created_by=None,
    site=None,
    duration: timedelta | None = None,
) -> Sanction:
    """Impose a sanction; a timeout lasts ``duration`` from now."""
    now = timezone.now()
    sanction = Sanction(
        user=user,
        kind=kind,
        reason=reason.strip(),
        created_by=created_by,
        site=site if kind == Sanction.Kind.SITE_BAN else None,
        ends_at=now + duration if kind == Sanction.Kind.TIMEOUT and duration else None,
        created_at=now,
    )
    sanction.full_clean()
    sanction.save()
    return sanction


@transaction.atomic
def sanction_revoke(*, sanction: Sanction, revoked_by=None) -> Sanction:
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.revoked_at is not None:
        raise ValueError(ALREADY_REVOKED)
    sanction.revoked_at = timezone.now()
    sanction.revoked_by = revoked_by
    sanction.full_clean()
    sanction.save(update_fields=["revoked_at", "revoked_by"])
    return sanction
