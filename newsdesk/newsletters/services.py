"""Writes on subscriptions: sign-up, double opt-in, changes, one-click leave, bounces."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.newsletters import tokens
from newsdesk.newsletters.models import Newsletter, Subscriber, Subscription

NO_NEWSLETTER_CHOSEN = gettext_lazy("Choose at least one newsletter.")
ADDRESS_INVALID = gettext_lazy("Enter a valid email address.")
ADDRESS_UNVERIFIED = gettext_lazy("Verify your account's email address first.")
ADDRESS_REFUSED = gettext_lazy(
    "Mail to this address bounced or was marked as spam, so we no longer send to it."
)
CONFIRM_LINK_INVALID = gettext_lazy(
    "This confirmation link is not valid or has expired. Please subscribe again."
)


def _normalise(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(ADDRESS_INVALID) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _active_newsletters(*, newsletter_ids, site) -> list[Newsletter]:
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids, site=site, is_active=True))
    if not newsletters:
        raise ValidationError(NO_NEWSLETTER_CHOSEN)
    return newsletters


@transaction.atomic
def subscribe(*, email: str, newsletter_ids, site, user=None, base_url: str) -> bool:
    """Sign ``email`` up to the chosen newsletters of ``site``.

    A signed-in reader subscribing their own verified address is subscribed at once
    (returns True). Anyone else gets a confirmation mail with an expiring link and nothing
    is sent until they follow it (returns False). Unknown addresses are told the same as
    known ones, so the form does not reveal who subscribes; an address that no longer takes
    mail (bounced, complained, invalid) is refused with ``ADDRESS_REFUSED``.
    """
    address = _normalise(email)
    newsletters = _active_newsletters(newsletter_ids=newsletter_ids, site=site)
    subscriber, _created = Subscriber.objects.get_or_create(
        email__iexact=address, defaults={"email": address}
    )
    if not subscriber.may_receive:
        raise ValidationError(ADDRESS_REFUSED)
    verified = user is not None and user.is_authenticated and user_email_verified(user, address)
    now = timezone.now()
    if verified and subscriber.user_id is None:
        subscriber.user = user
        subscriber.save(update_fields=["user"])
    for newsletter in newsletters:
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber, newsletter=newsletter
        )
        if verified and subscription.confirmed_at is None:
            subscription.confirmed_at = now
            subscription.save(update_fields=["confirmed_at"])
    if verified:
        return True
    pending = [n.pk for n in newsletters]
    transaction.on_commit(
        lambda: _confirmation_send(
            subscriber=subscriber, newsletter_ids=pending, site=site, base_url=base_url
        )
    )
    return False


def user_email_verified(user, address: str) -> bool:
    """Whether the reader's account has ``address`` as a verified address (allauth's record)."""
    return EmailAddress.objects.filter(user=user, email__iexact=address, verified=True).exists()


def _confirmation_send(*, subscriber, newsletter_ids, site, base_url: str) -> None:
    token = tokens.confirm_token(subscriber_id=subscriber.pk, newsletter_ids=newsletter_ids)
    context = {
        "confirm_url": base_url + reverse("newsletters:confirm", args=[token]),
        "newsletters": Newsletter.objects.filter(pk__in=newsletter_ids),
        "site_name": site.site_name or site.hostname,
        "hours": settings.NEWSLETTERS_CONFIRM_MAX_AGE // 3600,
    }
    mail = EmailMultiAlternatives(
        subject=_("Confirm your newsletter subscription"),
        body=render_to_string("newsletters/email/confirm.txt", context),
        to=[subscriber.email],
    )
    mail.send()


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """Follow a double opt-in link: the subscriptions it names start."""
    try:
        subscriber_id, newsletter_ids = tokens.confirm_token_read(token)
    except tokens.TokenInvalid:
        raise ValidationError(CONFIRM_LINK_INVALID) from None
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        raise ValidationError(CONFIRM_LINK_INVALID)
    Subscription.objects.filter(
        subscriber=subscriber, newsletter_id__in=newsletter_ids, confirmed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    return subscriber


@transaction.atomic
def subscriptions_set(*, subscriber: Subscriber, newsletter_ids) -> None:
    """Save the manage page: exactly these of the active newsletters, confirmed (the link
    proved the address). The page lists only active ones, so subscriptions to a paused
    newsletter are kept as they are, for when it resumes."""
    active = Newsletter.objects.filter(is_active=True)
    wanted = set(active.filter(pk__in=newsletter_ids).values_list("pk", flat=True))
    subscriber.subscriptions.filter(newsletter__in=active).exclude(
        newsletter_id__in=wanted
    ).delete()
    now = timezone.now()
    for newsletter_id in wanted:
        Subscription.objects.update_or_create(
            subscriber=subscriber, newsletter_id=newsletter_id, defaults={"confirmed_at": now}
        )


@transaction.atomic
def unsubscribe_all(*, subscriber: Subscriber) -> int:
    """Leave every newsletter (the one-click link). Returns how many were left."""
    count, _ = subscriber.subscriptions.all().delete()
    return count


SUPPRESSING = {
    Subscriber.Status.BOUNCED,
    Subscriber.Status.COMPLAINED,
    Subscriber.Status.INVALID,
}


@transaction.atomic
def subscriber_suppress(*, email: str, status: str, reason: str = "") -> bool:
    """Stop mail to an address that bounced, complained or is invalid. False if unknown."""
    if status not in SUPPRESSING:
        raise ValueError(status)
    updated = Subscriber.objects.filter(email__iexact=email.strip()).update(
        status=status, status_reason=reason[:300], status_changed_at=timezone.now()
    )
    return bool(updated)


@transaction.atomic
def subscriber_for_account(*, user) -> Subscriber:
    """The signed-in reader's subscriber row, made on first use from their verified address."""
    if not user_email_verified(user, user.email):
        raise ValidationError(ADDRESS_UNVERIFIED)
    subscriber, _created = Subscriber.objects.get_or_create(
        email__iexact=user.email, defaults={"email": user.email, "user": user}
    )
    return subscriber


def subscriber_erase(*, user) -> None:
    """Account deletion: the reader's subscriber rows go, with their subscriptions and mail log."""
    Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()


def subscriber_export(*, user) -> dict:
    """The reader's newsletter addresses, subscriptions and the mail sent to them."""
    subscribers = Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email)).order_by(
        "pk"
    )
    return {
        "newsletter_subscriptions": [
            {
                "email": s.email,
                "status": s.status,
                "status_reason": s.status_reason,
                "created_at": s.created_at.isoformat(),
                "newsletters": [
                    {
                        "newsletter": sub.newsletter.name,
                        "site": sub.newsletter.site.hostname,
                        "confirmed_at": sub.confirmed_at.isoformat() if sub.confirmed_at else None,
                    }
                    for sub in s.subscriptions.select_related("newsletter__site").order_by("pk")
                ],
                "mail_sent": [
                    {
                        "subject": d.issue.subject,
                        "status": d.status,
                        "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                    }
                    for d in s.deliveries.select_related("issue").order_by("pk")
                ],
            }
            for s in subscribers
        ]
    }
