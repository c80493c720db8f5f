"""Sending an issue: resumable, in claimed batches, and never twice to anyone.

An issue gets one ``Delivery`` row per subscriber (unique per issue and subscriber) when
it is queued. A sender claims a batch of pending rows, then for each mail: marks it
``sending`` (committed), hands it to the mail server, marks it ``sent`` (committed, with
the next mail's ``sending``).
When a sender dies, ``sends_recover`` returns its claimed rows to pending and marks the
one it was in the middle of as ``uncertain``: that mail may have left, so it is never
retried. Several senders may work on one issue at once; claims keep them apart.
A sender that only looked dead (its heartbeat, moved with every mail, went quiet for
longer than the timeout) finds its rows no longer claimed by it and leaves them alone.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import uuid
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsletters import rendering, tokens
from newsdesk.newsletters.models import Delivery, Issue, Newsletter, Subscriber, Subscription
from newsdesk.newsletters.selectors import newsletter_recipients

logger = logging.getLogger(__name__)
S = Delivery.Status


# --- queueing --------------------------------------------------------------------------


@transaction.atomic
def issue_queue(
    *,
    newsletter: Newsletter,
    rendered: rendering.RenderedIssue,
    edition_date: datetime.date | None = None,
    article=None,
) -> Issue | None:
    """Store an issue and one pending delivery per recipient; None if that edition (or that
    article's alert) exists."""
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                newsletter=newsletter,
                subject=rendered.subject,
                html_body=rendered.html,
                text_body=rendered.text,
                edition_date=edition_date,
                article=article,
            )
    except IntegrityError:
        return None  # another scheduler run or a second post of the alert came first
    recipient_ids = newsletter_recipients(newsletter=newsletter).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        (Delivery(issue=issue, subscriber_id=pk) for pk in recipient_ids.iterator()),
        batch_size=1000,
    )
    issue.total = issue.deliveries.count()
    issue.save(update_fields=["total"])
    return issue


# Two "send now" posts this close together are one editor's double click, not two issues.
SEND_NOW_GAP = datetime.timedelta(minutes=1)


@transaction.atomic
def issue_queue_now(*, newsletter: Newsletter, rendered: rendering.RenderedIssue) -> Issue | None:
    """Queue an issue outside the schedule (the desk's "send now"); None if one was queued
    within ``SEND_NOW_GAP``."""
    # The newsletter's row lock makes concurrent posts take their turn at the check.
    list(Newsletter.objects.select_for_update().filter(pk=newsletter.pk).values_list("pk"))
    recent = newsletter.issues.filter(
        edition_date__isnull=True,
        article__isnull=True,
        created_at__gte=timezone.now() - SEND_NOW_GAP,
    )
    if recent.exists():
        return None
    return issue_queue(newsletter=newsletter, rendered=rendered)


def issues_due(*, now: datetime.datetime) -> list[Issue]:
    """Queue today's edition of every scheduled newsletter whose send time has come."""
    queued = []
    for newsletter in Newsletter.objects.filter(is_active=True).select_related("site"):
        if not newsletter.is_scheduled:
            continue
        local = rendering.site_local_now(site=newsletter.site, now=now)
        if not newsletter.sends_on(local.date()) or local.time() < newsletter.send_time:
            continue
        if newsletter.issues.filter(edition_date=local.date()).exists():
            continue
        rendered = rendering.issue_render(newsletter=newsletter, now=now)
        if rendered is None:
            continue
        issue = issue_queue(newsletter=newsletter, rendered=rendered, edition_date=local.date())
        if issue is not None:
            queued.append(issue)
    return queued


# --- recovery --------------------------------------------------------------------------


@transaction.atomic
def sends_recover(*, older_than: datetime.timedelta) -> list[Issue]:
    """Release what dead senders held; returns the unfinished issues that need a sender.

    A claim is dead when its issue has had no heartbeat for ``older_than``.
    """
    cutoff = timezone.now() - older_than
    stale = Issue.objects.filter(status__in=[Issue.Status.QUEUED, Issue.Status.SENDING]).exclude(
        heartbeat_at__gte=cutoff
    )
    stalled = []
    for issue in stale.select_for_update(skip_locked=True):
        issue.deliveries.filter(status=S.CLAIMED).update(
            status=S.PENDING, claim=None, claimed_at=None
        )
        issue.deliveries.filter(status=S.SENDING).update(
            status=S.UNCERTAIN, error="The sender stopped during this mail; not retried."
        )
        if issue.created_at < cutoff or issue.status == Issue.Status.SENDING:
            stalled.append(issue)
    return stalled


# --- sending ---------------------------------------------------------------------------


def _claim_batch(*, issue: Issue, size: int) -> tuple[uuid.UUID, list[Delivery]]:
    claim = uuid.uuid4()
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            issue.deliveries.filter(status=S.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        # The status test in the UPDATE makes the claim safe against a second sender that
        # read the same ids: each row goes to whichever UPDATE reaches it first.
        Delivery.objects.filter(pk__in=ids, status=S.PENDING).update(
            status=S.CLAIMED, claim=claim, claimed_at=now
        )
        if ids:  # a finished issue queued again stays "sent"
            Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, heartbeat_at=now)
    batch = list(
        Delivery.objects.filter(claim=claim, status=S.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )
    return claim, batch


def _links(*, issue: Issue, subscriber: Subscriber) -> dict[str, str]:
    base = issue.newsletter.site.root_url
    unsubscribe = tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=tokens.UNSUBSCRIBE)
    manage = tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=tokens.MANAGE)
    return {
        "unsubscribe": base + reverse("newsletters:unsubscribe", args=[unsubscribe]),
        "manage": base + reverse("newsletters:manage_token", args=[manage]),
    }


def issue_message(
    *, issue: Issue, subscriber: Subscriber, connection=None
) -> EmailMultiAlternatives:
    """The mail one subscriber gets, with their own links and RFC 8058 one-click headers."""
    links = _links(issue=issue, subscriber=subscriber)

    def personal(body: str) -> str:
        return body.replace(rendering.UNSUBSCRIBE_URL, links["unsubscribe"]).replace(
            rendering.MANAGE_URL, links["manage"]
        )

    list_unsubscribe = f"<{links['unsubscribe']}>"
    if settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO:
        subject = quote(f"unsubscribe {subscriber.pk}")
        list_unsubscribe += (
            f", <mailto:{settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO}?subject={subject}>"
        )
    newsletter = issue.newsletter
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=personal(issue.text_body),
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": list_unsubscribe,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{newsletter.name} <{newsletter.slug}.{newsletter.site.hostname}>",
            "X-Newsletter-Delivery": f"{issue.pk}.{subscriber.pk}",
        },
    )
    message.attach_alternative(personal(issue.html_body), "text/html")
    return message


def _mark(delivery: Delivery, status: str, *, error: str = "") -> None:
    fields = {"status": status, "error": error[:300]}
    if status == S.SENT:
        fields["sent_at"] = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _still_claimed(delivery: Delivery, claim: uuid.UUID) -> QuerySet[Delivery]:
    # A row is ours only while it is still claimed by our claim: ``sends_recover`` may have
    # taken it back (thinking this sender dead) and another sender may have it now.
    return Delivery.objects.filter(pk=delivery.pk, claim=claim, status=S.CLAIMED)


def _start(
    *, issue: Issue, delivery: Delivery, claim: uuid.UUID, handed_over: Delivery | None
) -> bool:
    """Record the previous mail as sent and this one as sending, in one commit; False
    (and nothing marked for this one) when the claim was lost. The heartbeat moves with
    every mail, so a long batch does not look like a dead sender."""
    with transaction.atomic():
        if handed_over is not None:
            _mark(handed_over, S.SENT)
        started = _still_claimed(delivery, claim).update(status=S.SENDING, error="")
        if started:
            Issue.objects.filter(pk=issue.pk).update(heartbeat_at=timezone.now())
    return started == 1


def _not_to_send(*, issue: Issue, batch: list[Delivery]) -> dict[int, str]:
    """Why some of the batch must not get the issue, by subscriber id: the address stopped
    taking mail (a bounce since the issue was queued) or the reader has left the newsletter."""
    ids = [d.subscriber_id for d in batch]
    refused = dict(
        Subscriber.objects.filter(pk__in=ids)
        .exclude(status=Subscriber.Status.ACTIVE)
        .values_list("pk", "status")
    )
    subscribed = set(
        Subscription.objects.filter(
            newsletter_id=issue.newsletter_id, subscriber_id__in=ids, confirmed_at__isnull=False
        ).values_list("subscriber_id", flat=True)
    )
    reasons = {pk: f"address {status}" for pk, status in refused.items()}
    for pk in ids:
        if pk not in subscribed:
            reasons.setdefault(pk, "unsubscribed")
    return reasons


def _send_batch(*, issue: Issue, claim: uuid.UUID, batch: list[Delivery], connection) -> None:
    """Send a claimed batch. Each mail is marked ``sending`` before the hand-over and
    ``sent`` after it; the ``sent`` of one mail and the ``sending`` of the next share a
    transaction (one commit per mail), so at any moment at most one row is in doubt."""
    # Re-read who may still have it: a bounce or an unsubscribe may have come since queueing.
    skip = _not_to_send(issue=issue, batch=batch)
    handed_over: Delivery | None = None
    for delivery in batch:
        if delivery.subscriber_id in skip:
            _still_claimed(delivery, claim).update(
                status=S.SKIPPED, error=skip[delivery.subscriber_id][:300]
            )
            continue
        # Built before the "sending" mark, so the only work between that mark and the
        # mail server taking the mail is the hand-over itself.
        message = issue_message(issue=issue, subscriber=delivery.subscriber, connection=connection)
        started = _start(issue=issue, delivery=delivery, claim=claim, handed_over=handed_over)
        handed_over = None
        if not started:
            continue  # taken back from us: another sender has it, or will
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            _mark(delivery, S.FAILED, error=str(error))
            Subscriber.objects.filter(pk=delivery.subscriber_id).update(
                status=Subscriber.Status.INVALID,
                status_reason="refused by the mail server",
                status_changed_at=timezone.now(),
            )
            continue
        except (smtplib.SMTPException, OSError) as error:
            _mark(delivery, S.FAILED, error=str(error))
            logger.warning("Newsletter mail %s failed: %s", delivery.pk, error)
            continue
        handed_over = delivery
    if handed_over is not None:
        _mark(handed_over, S.SENT)


def issue_send(*, issue_id: int, batch_size: int | None = None) -> int:
    """Send what is pending of an issue, batch by batch; returns how many deliveries it handled."""
    size = batch_size or settings.NEWSLETTERS_BATCH_SIZE
    issue = Issue.objects.select_related("newsletter", "newsletter__site").get(pk=issue_id)
    handled = 0
    while True:
        claim, batch = _claim_batch(issue=issue, size=size)
        if not batch:
            break
        connection = get_connection()
        connection.open()
        try:
            _send_batch(issue=issue, claim=claim, batch=batch, connection=connection)
        finally:
            connection.close()
        handled += len(batch)
    _finish_if_done(issue=issue)
    return handled


def _finish_if_done(*, issue: Issue) -> None:
    with transaction.atomic():
        waiting = issue.deliveries.filter(status__in=[S.PENDING, S.CLAIMED, S.SENDING]).exists()
        if not waiting:
            Issue.objects.filter(pk=issue.pk).exclude(status=Issue.Status.SENT).update(
                status=Issue.Status.SENT, finished_at=timezone.now()
            )


def issue_send_test(*, rendered: rendering.RenderedIssue, newsletter, email: str) -> None:
    """Send a rendered issue to one address (the editor's "send test to me"); records nothing."""
    issue = Issue(
        newsletter=newsletter,
        subject="[TEST] " + rendered.subject,
        html_body=rendered.html,
        text_body=rendered.text,
    )
    # Not saved: its links carry id 0, which no subscriber has, so they change nothing.
    subscriber = Subscriber(pk=0, email=email)
    issue_message(issue=issue, subscriber=subscriber).send()
