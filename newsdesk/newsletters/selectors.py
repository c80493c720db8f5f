"""Reads for the newsletter pages, the admin and the sender."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from wagtail.models import Site

from newsdesk.newsletters.models import Delivery, Issue, Newsletter, Subscriber, Subscription


def newsletter_list_for_site(*, site: Site) -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(site=site, is_active=True).order_by("sort_order", "name")


def newsletter_list_for_manage(*, site: Site, subscribed_ids: set[int]) -> QuerySet[Newsletter]:
    """The manage page: this site's newsletters, and any other the reader gets."""
    return (
        Newsletter.objects.filter(is_active=True)
        .filter(Q(site=site) | Q(pk__in=subscribed_ids))
        .select_related("site")
        .order_by("site__site_name", "sort_order", "name")
    )


def subscriber_for_user(*, user) -> Subscriber | None:
    """The subscriber row of a signed-in reader: theirs, or their verified address's."""
    if not user.is_authenticated:
        return None
    return Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email)).first()


def subscribed_newsletter_ids(*, subscriber: Subscriber | None) -> set[int]:
    """Newsletters the subscriber gets (confirmed subscriptions only)."""
    if subscriber is None:
        return set()
    return set(
        Subscription.objects.filter(subscriber=subscriber, confirmed_at__isnull=False).values_list(
            "newsletter_id", flat=True
        )
    )


def newsletter_recipients(*, newsletter: Newsletter) -> QuerySet[Subscriber]:
    """Who a new issue goes to: confirmed, and at an address that still takes mail."""
    return Subscriber.objects.filter(
        status=Subscriber.Status.ACTIVE,
        subscriptions__newsletter=newsletter,
        subscriptions__confirmed_at__isnull=False,
    )


@dataclass(frozen=True)
class IssueProgress:
    total: int
    sent: int
    failed: int
    skipped: int
    uncertain: int
    waiting: int


def issue_progress(*, issue: Issue) -> IssueProgress:
    """Counts of an issue's deliveries by outcome, in one query."""
    S = Delivery.Status
    counts = issue.deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=S.SENT)),
        failed=Count("pk", filter=Q(status=S.FAILED)),
        skipped=Count("pk", filter=Q(status=S.SKIPPED)),
        uncertain=Count("pk", filter=Q(status=S.UNCERTAIN)),
        waiting=Count("pk", filter=Q(status__in=[S.PENDING, S.CLAIMED, S.SENDING])),
    )
    return IssueProgress(**counts)


def issue_list_recent(*, limit: int = 20) -> QuerySet[Issue]:
    return Issue.objects.select_related("newsletter", "newsletter__site").order_by("-created_at")[
        :limit
    ]
