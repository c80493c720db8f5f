"""A reader deletes their account: their words go, other readers' replies stay in place."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from newsdesk.accounts.services import account_delete
from newsdesk.discussions.models import (
    ACCOUNT_DELETED_NOTICE,
    DELETED_ACCOUNT,
    Comment,
    CommenterSettings,
    CommentReport,
    ModerationAction,
)
from newsdesk.discussions.selectors import comment_count
from newsdesk.discussions.services import comment_report
from newsdesk.discussions.tasks import comment_notify_reply
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.editorial.roles import MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(article):
    """Reader A, whose first comment reader B answered, and who wrote some more."""
    a = reader_factory(username="leaver", first_name="Lindiwe", last_name="Quagga")
    b = reader_factory(username="stayer")
    root = comment_factory(article=article, author=a, body="Alliance first, quaggaroot.")
    comment_factory(
        article=article, author=b, parent=root, in_reply_to=root, body="B answers A here."
    )
    comment_factory(
        article=article, author=a, parent=root, in_reply_to=root, body="A again, quaggaown."
    )
    comment_factory(article=article, author=a, body="Unanswered, quagganone.")
    b_root = comment_factory(article=article, author=b, body="B starts a thread.")
    comment_factory(
        article=article, author=a, parent=b_root, in_reply_to=b_root, body="A replies, quaggarep."
    )
    return a


def test_deleting_a_reader_keeps_other_readers_replies_in_the_thread(client, article, leaver):
    account_delete(user=leaver)
    thread = client.get(f"/comments/{article.pk}/thread/").content.decode()
    assert "B answers A here." in thread
    assert "B starts a thread." in thread
    assert Comment.objects.filter(body="B answers A here.", parent__isnull=False).exists()


def test_the_answered_comment_stays_as_an_anonymous_placeholder(client, article, leaver):
    root_pk = Comment.objects.get(body="Alliance first, quaggaroot.").pk
    account_delete(user=leaver)
    root = Comment.objects.get(pk=root_pk)
    assert root.author_id is None
    assert root.status == Comment.Status.DELETED
    assert (root.body, root.body_html, root.fingerprint) == ("", "", "")
    thread = client.get(f"/comments/{article.pk}/thread/").content.decode()
    assert str(ACCOUNT_DELETED_NOTICE) in thread
    assert str(DELETED_ACCOUNT) in thread
    assert f'id="comment-{root_pk}"' in thread


def test_nothing_the_reader_wrote_or_was_called_remains(client, article, leaver):
    account_delete(user=leaver)
    thread = client.get(f"/comments/{article.pk}/thread/").content.decode()
    for trace in ("quaggaroot", "quaggaown", "quagganone", "quaggarep", "Lindiwe", "Quagga"):
        assert trace not in thread
        assert not Comment.objects.filter(body__icontains=trace).exists()
    # Of the reader's four comments only the answered one is left, as a placeholder.
    assert Comment.objects.filter(author__isnull=True).count() == 1


def test_counts_stay_right_after_the_erasure(article, leaver):
    assert comment_count(article=article) == 6
    account_delete(user=leaver)
    # B's two comments; the placeholder is not a published comment.
    assert comment_count(article=article) == 2


def test_reports_by_the_reader_stay_anonymous_and_keep_counting(article, leaver):
    other = reader_factory(username="third")
    target = comment_factory(article=article, author=other, body="Reported one.")
    comment_report(comment=target, reporter=leaver, reason="other", note="Quagga says so")
    account_delete(user=leaver)
    report = CommentReport.objects.get(comment=target)
    assert report.reporter_id is None and report.note == "" and report.reason == "other"
    target.refresh_from_db()
    assert target.report_count == 1 == target.reports.count()


def test_open_reports_on_the_placeholder_are_resolved(article, leaver):
    root = Comment.objects.get(body="Alliance first, quaggaroot.")
    comment_report(comment=root, reporter=reader_factory(), reason="spam")
    account_delete(user=leaver)
    assert CommentReport.objects.filter(comment=root).exists()  # the moderators' record
    assert not CommentReport.objects.filter(comment=root, resolved_at__isnull=True).exists()


def test_a_rejected_answered_comment_stays_rejected_and_hidden(client, article, leaver):
    root = Comment.objects.get(body="Alliance first, quaggaroot.")
    Comment.objects.filter(pk=root.pk).update(
        status=Comment.Status.REJECTED, rejection_note="Quagga, mind the tone"
    )
    account_delete(user=leaver)
    root.refresh_from_db()
    assert root.status == Comment.Status.REJECTED
    assert root.author_id is None and root.rejection_note == ""
    thread = client.get(f"/comments/{article.pk}/thread/").content.decode()
    assert f'id="comment-{root.pk}"' not in thread


def test_the_moderation_queue_and_log_show_a_comment_without_author(client, article, leaver):
    root = Comment.objects.get(body="Alliance first, quaggaroot.")
    Comment.objects.filter(pk=root.pk).update(status=Comment.Status.REJECTED)
    ModerationAction.objects.create(
        action=ModerationAction.Action.REJECT, comment=root, target_user=leaver
    )
    account_delete(user=leaver)
    moderator = reader_factory(username="mo")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    queue = client.get("/admin/comments/?queue=rejected")
    assert queue.status_code == 200
    assert str(DELETED_ACCOUNT) in queue.content.decode()
    log = client.get("/admin/comments/log/")
    assert log.status_code == 200 and "leaver" not in log.content.decode()


def test_no_reply_mail_goes_to_a_deleted_account(article, leaver):
    b = reader_factory(username="late")
    root = Comment.objects.get(body="Alliance first, quaggaroot.")
    late = comment_factory(article=article, author=b, parent=root, in_reply_to=root, body="Late")
    CommenterSettings.objects.create(user=leaver, notify_on_reply=True)
    account_delete(user=leaver)
    mail.outbox.clear()
    assert comment_notify_reply.call(comment_id=late.pk) is False
    assert mail.outbox == []
