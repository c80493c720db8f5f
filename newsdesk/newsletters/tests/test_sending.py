import datetime
import smtplib
import zoneinfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from newsdesk.newsletters import rendering
from newsdesk.newsletters.models import Delivery, Issue, Subscriber
from newsdesk.newsletters.selectors import issue_progress
from newsdesk.newsletters.sending import (
    _claim_batch,
    issue_queue,
    issue_send,
    issues_due,
    sends_recover,
)
from newsdesk.newsletters.tests.conftest import subscribed

pytestmark = pytest.mark.django_db


class RefusingBackend(LocmemBackend):
    """The mail server's answer for an address it does not know (SMTP 550)."""

    def send_messages(self, messages):
        for message in messages:
            if any(to.startswith("nobody@") for to in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


def _issue(newsletter):
    rendered = rendering.issue_render(newsletter=newsletter)
    assert rendered is not None
    return issue_queue(newsletter=newsletter, rendered=rendered)


def test_issue_goes_once_to_each_confirmed_subscriber_with_one_click_headers(daily, stories):
    for n in range(5):
        subscribed(daily, f"reader{n}@example.com")
    issue = _issue(daily)
    assert issue.total == 5
    assert issue_send(issue_id=issue.pk, batch_size=2) == 5
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.com" for n in range(5)]
    message = mail.outbox[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/newsletters/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert "Story 1" in html and "Summary 1" in html
    assert unsubscribe[1:-1] in html and unsubscribe[1:-1] in message.body
    assert "%%" not in html and "%%" not in message.body
    # Sending again sends nothing more: every delivery is done.
    assert issue_send(issue_id=issue.pk) == 0
    assert len(mail.outbox) == 5
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_mailto_unsubscribe_is_offered_when_configured(daily, stories, settings):
    settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO = "leave@example.com"
    subscribed(daily, "ann@example.com")
    issue_send(issue_id=_issue(daily).pk)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://localhost/newsletters/unsubscribe/")
    assert ", <mailto:leave@example.com?subject=unsubscribe%20" in header


def test_unconfirmed_bounced_and_complained_addresses_are_skipped(daily, stories):
    from newsdesk.newsletters.models import Subscription

    subscribed(daily, "ok@example.com")
    subscribed(daily, "bounced@example.com", status=Subscriber.Status.BOUNCED)
    subscribed(daily, "spam@example.com", status=Subscriber.Status.COMPLAINED)
    pending = Subscriber.objects.create(email="pending@example.com")
    Subscription.objects.create(subscriber=pending, newsletter=daily)
    late = subscribed(daily, "late@example.com")
    issue = _issue(daily)
    assert issue.total == 2  # ok and late
    # A bounce arriving after the issue was queued still stops the mail.
    Subscriber.objects.filter(pk=late.pk).update(status=Subscriber.Status.BOUNCED)
    issue_send(issue_id=issue.pk)
    assert [m.to for m in mail.outbox] == [["ok@example.com"]]
    progress = issue_progress(issue=issue)
    assert (progress.sent, progress.skipped, progress.total) == (1, 1, 2)


def test_refused_address_is_recorded_invalid_and_not_sent_to_again(daily, stories, settings):
    settings.EMAIL_BACKEND = "newsdesk.newsletters.tests.test_sending.RefusingBackend"
    subscribed(daily, "nobody@example.com")
    subscribed(daily, "ann@example.com")
    issue = _issue(daily)
    issue_send(issue_id=issue.pk)
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    refused = Subscriber.objects.get(email="nobody@example.com")
    assert refused.status == Subscriber.Status.INVALID
    assert issue_progress(issue=issue).failed == 1
    assert _issue(daily) is not None
    assert Delivery.objects.filter(subscriber=refused).count() == 1  # not in the next issue


def test_a_dead_senders_claims_are_resumed_and_its_last_mail_never_repeated(daily, stories):
    for n in range(6):
        subscribed(daily, f"reader{n}@example.com")
    issue = _issue(daily)
    # A sender claimed a batch of four and died during its second mail: the first went,
    # the second is "sending" (it may or may not have left), two were never tried.
    _claim, batch = _claim_batch(issue=issue, size=4)
    Delivery.objects.filter(pk=batch[0].pk).update(status=Delivery.Status.SENT)
    Delivery.objects.filter(pk=batch[1].pk).update(status=Delivery.Status.SENDING)

    stalled = sends_recover(older_than=datetime.timedelta(0))
    assert stalled == [issue]
    issue_send(issue_id=issue.pk)
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert batch[0].subscriber.email not in sent_to
    assert batch[1].subscriber.email not in sent_to
    assert len(sent_to) == 4 == len(set(sent_to))
    progress = issue_progress(issue=issue)
    assert (progress.sent, progress.uncertain, progress.waiting) == (5, 1, 0)


def test_live_senders_claims_are_left_alone(daily, stories):
    subscribed(daily, "ann@example.com")
    issue = _issue(daily)
    _claim_batch(issue=issue, size=10)
    assert sends_recover(older_than=datetime.timedelta(minutes=10)) == []
    assert Delivery.objects.get().status == Delivery.Status.CLAIMED


class RecoverMidBatchBackend(LocmemBackend):
    """After the first mail, the sender looks dead: recovery runs and a second sender
    sends what it took back, while the first still holds the rest of its batch in memory."""

    interrupted = False

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if not RecoverMidBatchBackend.interrupted:
            RecoverMidBatchBackend.interrupted = True
            issue_id = int(messages[0].extra_headers["X-Newsletter-Delivery"].split(".")[0])
            sends_recover(older_than=datetime.timedelta(0))
            issue_send(issue_id=issue_id)
        return sent


def test_a_sender_taken_for_dead_mid_batch_sends_nothing_another_sender_took(
    daily, stories, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "newsdesk.newsletters.tests.test_sending.RecoverMidBatchBackend"
    monkeypatch.setattr(RecoverMidBatchBackend, "interrupted", False)
    for n in range(5):
        subscribed(daily, f"reader{n}@example.com")
    issue = _issue(daily)
    issue_send(issue_id=issue.pk, batch_size=10)
    assert RecoverMidBatchBackend.interrupted
    sent_to = sorted(m.to[0] for m in mail.outbox)
    assert sent_to == [f"reader{n}@example.com" for n in range(5)]  # each exactly once
    progress = issue_progress(issue=issue)
    assert (progress.sent, progress.waiting) == (5, 0)


class HeartbeatWatchingBackend(LocmemBackend):
    """Notes the issue's heartbeat as each mail is handed over."""

    beats: list = []

    def send_messages(self, messages):
        issue_id = int(messages[0].extra_headers["X-Newsletter-Delivery"].split(".")[0])
        self.beats.append(Issue.objects.get(pk=issue_id).heartbeat_at)
        return super().send_messages(messages)


def test_the_heartbeat_moves_with_every_mail(daily, stories, settings, monkeypatch):
    settings.EMAIL_BACKEND = "newsdesk.newsletters.tests.test_sending.HeartbeatWatchingBackend"
    monkeypatch.setattr(HeartbeatWatchingBackend, "beats", [])
    for n in range(3):
        subscribed(daily, f"reader{n}@example.com")
    issue_send(issue_id=_issue(daily).pk, batch_size=10)
    beats = HeartbeatWatchingBackend.beats
    assert len(beats) == 3 and None not in beats
    assert beats == sorted(beats) and len(set(beats)) == 3


def test_a_reader_who_leaves_during_a_send_does_not_get_the_issue(daily, stories):
    from newsdesk.newsletters import services
    from newsdesk.newsletters.models import Subscription

    stays = subscribed(daily, "stays@example.com")
    leaves = subscribed(daily, "leaves@example.com")
    other = subscribed(daily, "other@example.com")
    issue = _issue(daily)
    assert issue.total == 3
    services.unsubscribe_all(subscriber=leaves)
    # Unconfirmed again is not subscribed either (e.g. the row was made anew).
    Subscription.objects.filter(subscriber=other).update(confirmed_at=None)
    issue_send(issue_id=issue.pk)
    assert [m.to for m in mail.outbox] == [[stays.email]]
    skipped = Delivery.objects.filter(issue=issue, status=Delivery.Status.SKIPPED)
    assert sorted(d.subscriber.email for d in skipped) == [leaves.email, other.email]
    assert {d.error for d in skipped} == {"unsubscribed"}


def _at(site_local: str) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo("Africa/Johannesburg")  # SiteSettings' default
    return datetime.datetime.fromisoformat(site_local).replace(tzinfo=zone)


def test_daily_issue_is_queued_once_after_its_send_time_on_its_days(daily, stories):
    daily.send_time = datetime.time(6, 0)
    daily.weekdays = "01234"  # weekdays
    daily.save()
    subscribed(daily, "ann@example.com")
    assert issues_due(now=_at("2026-12-01T05:59")) == []  # a Tuesday, before six
    [issue] = issues_due(now=_at("2026-12-01T06:00"))
    assert issue.edition_date == datetime.date(2026, 12, 1)
    assert issues_due(now=_at("2026-12-01T09:00")) == []  # today's is out
    assert issues_due(now=_at("2026-12-05T07:00")) == []  # Saturday
    assert len(issues_due(now=_at("2026-12-07T06:01"))) == 1  # Monday


def test_breaking_newsletters_are_never_scheduled(breaking, stories):
    assert issues_due(now=_at("2026-12-01T12:00")) == []
