"""Postmark's bounce and spam-complaint webhooks, read into suppressions.

Shapes as Postmark documents them (https://postmarkapp.com/developer/webhooks/bounce-webhook,
.../spam-complaint-webhook): ``RecordType`` "Bounce" with a ``Type`` such as "HardBounce"
or "SoftBounce" and ``Inactive`` (true when Postmark itself stopped sending there), or
``RecordType`` "SpamComplaint". Soft, temporary bounces change nothing.
"""

from __future__ import annotations

from newsdesk.newsletters.models import Subscriber
from newsdesk.newsletters.services import subscriber_suppress

HARD_BOUNCE_TYPES = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked"}
INVALID_TYPES = {"BadEmailAddress"}


def postmark_event_record(payload) -> str:
    """Record one webhook call; returns what it did ("bounced", "complained", "ignored")."""
    if not isinstance(payload, dict):
        return "ignored"
    email = payload.get("Email")
    if not isinstance(email, str) or "@" not in email:
        return "ignored"
    record_type = payload.get("RecordType")
    kind = payload.get("Type", "")
    reason = f"Postmark {kind}: {payload.get('Description', '')}".strip()
    if record_type == "SpamComplaint" or kind == "SpamComplaint":
        subscriber_suppress(email=email, status=Subscriber.Status.COMPLAINED, reason=reason)
        return "complained"
    if record_type == "Bounce" and (kind in HARD_BOUNCE_TYPES or payload.get("Inactive") is True):
        status = Subscriber.Status.INVALID if kind in INVALID_TYPES else Subscriber.Status.BOUNCED
        subscriber_suppress(email=email, status=status, reason=reason)
        return status
    return "ignored"
