"""The moderation queue as moderators use it: each reader's record on every row, in a
fixed number of queries, a reason that must be chosen, and labels instead of codes."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.timesince import timesince

from newsdesk.discussions import admin_views, selectors, services
from newsdesk.discussions.models import Comment, CommenterSettings, ModerationAction
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.discussions.trust import TrustLevel
from newsdesk.editorial.roles import MODERATORS
from newsdesk.sanctions.models import Sanction

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/"


@pytest.fixture
def moderator(client):
    user = reader_factory(username="mo")
    user.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(user)
    return user


def _sanction(user, kind, *, site=None, **fields):
    return Sanction.objects.create(
        user=user, kind=kind, site=site, reason="Because", created_by=None, **fields
    )


def test_each_row_carries_the_authors_record(client, article, site, moderator):
    author = reader_factory(days_old=90)
    # Midday UTC: the same calendar date in the admin's time zone at any hour of the run.
    first = (timezone.now() - timedelta(days=40)).replace(hour=12, minute=0)
    comment_factory(article=article, author=author, body="first", created_at=first)
    comment_factory(article=article, author=author, body="liked", report_count=2)
    comment_factory(
        article=article,
        author=author,
        body="spam",
        status=Comment.Status.REJECTED,
        rejection_reason="spam",
        report_count=1,
    )
    held = comment_factory(
        article=article, author=author, body="held one", status=Comment.Status.PENDING
    )
    now = timezone.now()
    _sanction(author, Sanction.Kind.WARNING)
    _sanction(author, Sanction.Kind.TIMEOUT, ends_at=now + timedelta(hours=5))
    _sanction(author, Sanction.Kind.TIMEOUT, ends_at=now - timedelta(hours=1))  # over
    _sanction(author, Sanction.Kind.SITE_BAN, site=site, revoked_at=now)  # revoked

    history = selectors.queue_histories(comments=[held])[held.pk]
    assert (history.approved, history.rejected, history.reported) == (2, 1, 3)
    assert history.first_comment_at == first
    assert history.date_joined == author.date_joined
    assert sorted(s.kind for s in history.sanctions) == ["timeout", "warning"]
    assert history.level == TrustLevel.REGULAR

    html = client.get(f"{QUEUE}?queue=pending").content.decode()
    row = html[html.index(f'id="comment-{held.pk}"') :]
    assert "2 approved · 1 rejected · reported 3 times" in row
    assert f"Account {timesince(author.date_joined)} old" in row
    assert f"First comment {first:%Y-%m-%d}" in row
    assert "Timeout until" in row and "Warning" in row and "Ban on this site" not in row
    assert "Regular" in row
    assert f"?queue=all&amp;author={author.pk}" in row


def test_the_history_column_shows_the_trust_level(client, article, rules, moderator):
    offender = reader_factory()
    for n in range(rules.offender_rejections):
        comment_factory(
            article=article, author=offender, body=f"no {n}", status=Comment.Status.REJECTED
        )
    premoderated = reader_factory()
    CommenterSettings.objects.create(user=premoderated, premoderated=True)
    for reader in (offender, premoderated):
        comment_factory(article=article, author=reader, body="x", status=Comment.Status.PENDING)
    html = client.get(f"{QUEUE}?queue=pending").content.decode()
    assert "Repeat offender: every comment held" in html
    assert "Pre-moderated by a moderator" in html


def test_all_their_comments_lists_one_readers_comments_in_every_state(client, article, moderator):
    author, other = reader_factory(), reader_factory()
    comment_factory(article=article, author=author, body="mine published")
    comment_factory(
        article=article, author=author, body="mine rejected", status=Comment.Status.REJECTED
    )
    comment_factory(article=article, author=other, body="someone else")
    html = client.get(f"{QUEUE}?queue=all&author={author.pk}").content.decode()
    assert "mine published" in html and "mine rejected" in html
    assert "someone else" not in html
    assert f"Only comments by {author}" in html


def _queue_rows(article, rows: int) -> None:
    """``rows`` held comments by as many readers, each with a record, a sanction, a report."""
    Comment.objects.all().delete()
    for n in range(rows):
        author = reader_factory()
        comment_factory(article=article, author=author, body=f"old {n}")
        held = comment_factory(
            article=article, author=author, body=f"held {n}", status=Comment.Status.PENDING
        )
        _sanction(author, Sanction.Kind.WARNING)
        services.comment_report(comment=held, reporter=reader_factory(), reason="spam")


def test_the_queue_costs_the_same_queries_at_5_and_50_rows(
    client, article, moderator, django_assert_num_queries
):
    _queue_rows(article, 5)
    client.get(f"{QUEUE}?queue=pending")  # warm Wagtail's per-process lookups
    with CaptureQueriesContext(connection) as at_5:
        response = client.get(f"{QUEUE}?queue=pending")
    assert response.content.decode().count("data-moderation-row") == 5
    _queue_rows(article, 50)
    with django_assert_num_queries(len(at_5)):
        response = client.get(f"{QUEUE}?queue=pending")
    html = response.content.decode()
    assert html.count("data-moderation-row") == 50 and html.count("Warning") == 50


def test_rejecting_without_a_reason_is_refused_with_a_message_and_changes_nothing(
    client, article, moderator
):
    comment = comment_factory(
        article=article, author=reader_factory(), body="held", status=Comment.Status.PENDING
    )
    queue = client.get(f"{QUEUE}?queue=pending").content.decode()
    assert '<option value="" selected>Choose a reason</option>' in queue
    assert "<option selected" not in queue and 'selected value="' not in queue
    for data in (
        {"single": f"reject:{comment.pk}"},
        {"single": f"reject:{comment.pk}", f"reason_{comment.pk}": ""},
        # A reason chosen in the bulk bar is no default for a row's own Reject.
        {"single": f"reject:{comment.pk}", "reason": "spam"},
        {"action": "reject", "ids": [comment.pk]},
    ):
        response = client.post(f"{QUEUE}?queue=pending", data, follow=True)
        assert escape(str(services.BAD_REJECTION_REASON)) in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING and comment.rejection_reason == ""
    assert not ModerationAction.objects.exists()
    shown = client.get(f"{QUEUE}?queue=pending").content.decode()
    assert "held" in shown


def test_the_bulk_bar_has_no_default_action_so_enter_in_a_field_changes_nothing(
    client, article, moderator
):
    """Enter in any field submits through the first button, the bulk bar's: no approve."""
    comment = comment_factory(
        article=article, author=reader_factory(), body="held", status=Comment.Status.PENDING
    )
    queue = client.get(f"{QUEUE}?queue=pending").content.decode()
    assert '<option value="" selected>Choose an action</option>' in queue
    for data in (
        # What a browser sends on Enter in a row's note with the row ticked.
        {
            "bulk": "1",
            "action": "",
            "ids": [comment.pk],
            f"reason_{comment.pk}": "spam",
            f"note_{comment.pk}": "Ads",
        },
        {"bulk": "1", "ids": [comment.pk]},
        {"bulk": "1", "action": "publish", "ids": [comment.pk]},
    ):
        response = client.post(f"{QUEUE}?queue=pending", data, follow=True)
        assert escape(str(admin_views.CHOOSE_ACTION)) in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not ModerationAction.objects.exists()


def test_reasons_and_sanctions_show_labels_never_codes(client, article, site, moderator):
    author = reader_factory()
    comment = comment_factory(article=article, author=author, body="Her address is ...")
    client.post(
        f"{QUEUE}?queue=published",
        {"single": f"reject:{comment.pk}", f"reason_{comment.pk}": "personal_info"},
    )
    assert Comment.objects.get(pk=comment.pk).rejection_reason == "personal_info"
    client.post(
        f"/admin/comments/readers/{author.pk}/",
        {"kind": "network_ban", "reason": "Doxxing", "site": site.pk},
    )
    pages = {
        "log": client.get("/admin/comments/log/").content.decode(),
        "queue": client.get(f"{QUEUE}?queue=rejected").content.decode(),
        "reader": client.get(f"/admin/comments/readers/{author.pk}/").content.decode(),
        "sanctions": client.get("/admin/snippets/sanctions/sanction/").content.decode(),
    }
    assert "Someone&#x27;s personal information" in pages["log"]
    assert "Someone&#x27;s personal information" in pages["queue"]
    for name in ("log", "reader", "sanctions"):
        assert "Ban on the whole network" in pages[name], name
    for name, html in pages.items():
        assert ">personal_info<" not in html and "personal_info:" not in html, name
        assert ">network_ban<" not in html and "network_ban:" not in html, name
