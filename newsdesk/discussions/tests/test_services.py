"""Posting, editing, deleting, reporting, moderating and closing, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions import policy, services
from newsdesk.discussions.models import (
    Comment,
    CommenterSettings,
    CommentReport,
    ModerationAction,
)
from newsdesk.discussions.selectors import discussion_settings_for, discussion_state
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.sanctions.models import Sanction

pytestmark = pytest.mark.django_db


def post(article, author=None, body="A fair point about the alliance.", **kwargs):
    return services.comment_post(
        author=author or reader_factory(), article=article, body=body, **kwargs
    )


def test_a_reader_posts_a_published_comment_with_safe_html(article, site):
    comment, decision = post(article, body="Read https://example.org <b>now</b>")
    assert comment.status == Comment.Status.PUBLISHED
    assert decision.message == policy.SUBMITTED_PUBLISHED
    assert 'rel="nofollow ugc noopener"' in comment.body_html
    assert "<b>" not in comment.body_html


def test_an_empty_or_overlong_comment_is_refused_and_nothing_is_stored(article, site):
    with pytest.raises(services.CommentError, match=str(services.EMPTY)):
        post(article, body="   \n ")
    with pytest.raises(services.CommentError, match=str(services.TOO_LONG)):
        post(article, body="x" * 5001)
    assert not Comment.objects.exists()


def test_a_refused_comment_keeps_its_reason_codes_and_stores_nothing(article, site, rules):
    rules.banned_words = "frobnicate"
    rules.save()
    with pytest.raises(services.CommentError) as refused:
        post(article, body="Frobnicate them all")
    assert refused.value.reasons == ["banned_words"]
    assert not Comment.objects.exists()


def test_a_held_comment_stores_its_reason_codes(article, site):
    comment, decision = post(article, author=reader_factory(days_old=1))
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["new_account"]
    assert decision.message == policy.SUBMITTED_HELD


def test_a_reply_joins_the_thread_of_the_comment_it_answers(article, site):
    first, _ = post(article, body="First.")
    reply, _ = post(article, body="Reply.", reply_to=first)
    answer, _ = post(article, body="Reply to the reply.", reply_to=reply)
    assert reply.parent == first and answer.parent == first
    assert answer.in_reply_to == reply


def test_replying_to_a_comment_of_another_article_is_refused(article, site, section):
    other = article_factory(section=section, title="Another story")
    elsewhere = comment_factory(article=other, author=reader_factory())
    with pytest.raises(services.CommentError, match=str(services.BAD_PARENT)):
        post(article, reply_to=elsewhere)


def test_a_closed_article_refuses_every_write_and_stores_nothing(article, site):
    editor = reader_factory()
    mine, _ = post(article, author=editor, body="Before closing.")
    services.discussion_update(page=article, user=editor, closed=True)
    with pytest.raises(services.CommentError, match=str(services.CLOSED)):
        post(article)
    with pytest.raises(services.CommentError, match=str(services.CLOSED)):
        post(article, reply_to=mine)
    with pytest.raises(services.CommentError, match=str(services.CLOSED)):
        services.comment_edit(comment=mine, user=editor, body="Changed.")
    assert Comment.objects.count() == 1
    assert Comment.objects.get().body == "Before closing."


def test_comments_close_automatically_days_after_first_publication(section, site, rules):
    rules.close_after_days = 3
    rules.save()
    old = article_factory(section=section, title="Old story", hours_ago=24 * 4)
    fresh = article_factory(section=section, title="Fresh story", hours_ago=24 * 2)
    settings = discussion_settings_for(site=site)
    assert discussion_state(article=old, settings=settings).closed_automatically
    assert not discussion_state(article=fresh, settings=settings).closed
    with pytest.raises(services.CommentError, match=str(services.CLOSED)):
        post(old)


def test_reopening_logs_who_closed_and_reopened(article, site):
    editor = reader_factory()
    services.discussion_update(page=article, user=editor, closed=True)
    services.discussion_update(page=article, user=editor, closed=False)
    post(article)
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["reopen", "close"]


def test_premoderated_article_holds_every_comment(article, site):
    services.discussion_update(page=article, user=None, closed=False, premoderated=True)
    comment, _ = post(article)
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["premoderated_article"]


def test_premoderated_reader_is_held_everywhere(article, site):
    reader = reader_factory()
    services.commenter_premoderate(user=reader, moderator=None, premoderated=True)
    comment, _ = post(article, author=reader)
    assert comment.reasons == ["premoderated_reader"]


def test_a_banned_or_paused_reader_cannot_post(article, site):
    reader = reader_factory()
    services.author_sanction(
        user=reader,
        moderator=None,
        kind=Sanction.Kind.TIMEOUT,
        reason="Cool off",
        duration=timedelta(hours=24),
    )
    with pytest.raises(services.CommentError, match="You cannot comment until"):
        post(article, author=reader)
    other = reader_factory()
    services.author_sanction(
        user=other, moderator=None, kind=Sanction.Kind.SITE_BAN, reason="Spam", site=site
    )
    with pytest.raises(services.CommentError, match="Spam"):
        post(article, author=other)
    assert not Comment.objects.exists()


def test_authors_edit_within_the_window_and_the_policy_checks_again(article, site, rules):
    reader = reader_factory()
    comment, _ = post(article, author=reader, body="Typo here.")
    edited, _ = services.comment_edit(comment=comment, user=reader, body="No typo.")
    assert edited.body == "No typo." and edited.edited_at is not None
    rules.suspect_words = "miracle cure"
    rules.save()
    held, _ = services.comment_edit(comment=comment, user=reader, body="A miracle cure")
    assert held.status == Comment.Status.PENDING and held.reasons == ["suspect_words"]


def test_editing_after_the_window_or_someone_elses_comment_is_refused(article, site):
    reader = reader_factory()
    comment, _ = post(article, author=reader)
    with pytest.raises(services.CommentError, match=str(services.NOT_YOURS)):
        services.comment_edit(comment=comment, user=reader_factory(), body="Mine now")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.CommentError, match=str(services.EDIT_WINDOW_OVER)):
        services.comment_edit(comment=comment, user=reader, body="Too late")
    comment.refresh_from_db()
    assert comment.body == "A fair point about the alliance."


def test_deleting_removes_the_text_but_keeps_the_replies(article, site):
    reader = reader_factory()
    comment, _ = post(article, author=reader)
    reply, _ = post(article, reply_to=comment, body="I agree.")
    services.comment_delete(comment=comment, user=reader)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED and comment.body == ""
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.PUBLISHED


def test_report_holds_comment_after_threshold(article, site, rules):
    rules.hold_after_reports = 2
    rules.save()
    comment, _ = post(article)
    services.comment_report(comment=comment, reporter=reader_factory(), reason="spam")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    services.comment_report(comment=comment, reporter=reader_factory(), reason="abuse")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["reported"] and comment.report_count == 2
    assert ModerationAction.objects.get().action == ModerationAction.Action.AUTO_HOLD


def test_one_report_per_reader_per_comment(article, site):
    comment, _ = post(article)
    reporter = reader_factory()
    services.comment_report(comment=comment, reporter=reporter, reason="spam")
    with pytest.raises(services.CommentError, match=str(services.ALREADY_REPORTED)):
        services.comment_report(comment=comment, reporter=reporter, reason="abuse")
    assert CommentReport.objects.count() == 1
    assert Comment.objects.get(pk=comment.pk).report_count == 1


def test_the_database_refuses_a_second_report_by_the_same_reader(article, site):
    comment, _ = post(article)
    reporter = reader_factory()
    CommentReport.objects.create(comment=comment, reporter=reporter, reason="spam")
    with pytest.raises(IntegrityError):
        CommentReport.objects.create(comment=comment, reporter=reporter, reason="abuse")


def test_reader_cannot_report_own_comment_and_other_needs_a_note(article, site):
    reader = reader_factory()
    comment, _ = post(article, author=reader)
    with pytest.raises(services.CommentError, match=str(services.SELF_REPORT)):
        services.comment_report(comment=comment, reporter=reader, reason="spam")
    with pytest.raises(services.CommentError, match=str(services.REPORT_NOTE_REQUIRED)):
        services.comment_report(comment=comment, reporter=reader_factory(), reason="other")
    with pytest.raises(services.CommentError, match=str(services.BAD_REPORT_REASON)):
        services.comment_report(comment=comment, reporter=reader_factory(), reason="boring")
    assert not CommentReport.objects.exists()


def test_moderation_actions_are_logged_with_who_what_and_why(article, site):
    moderator = reader_factory(username="mod")
    comment, _ = post(article)
    services.comment_hold(comment=comment, moderator=moderator, note="checking")
    services.comment_approve(comment=comment, moderator=moderator)
    services.comment_feature(comment=comment, moderator=moderator)
    services.comment_reject(comment=comment, moderator=moderator, reason="abuse", note="Insults.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED and not comment.featured
    assert comment.rejection_reason == "abuse" and comment.rejection_note == "Insults."
    log = list(
        ModerationAction.objects.order_by("id").values_list("action", "actor", "reason_code")
    )
    assert log == [
        ("hold", moderator.pk, ""),
        ("approve", moderator.pk, ""),
        ("feature", moderator.pk, ""),
        ("reject", moderator.pk, "abuse"),
    ]


def test_rejecting_needs_a_known_reason(article, site):
    comment, _ = post(article)
    with pytest.raises(services.CommentError) as refused:
        services.comment_reject(comment=comment, moderator=None, reason="meh")
    assert refused.value.message == services.BAD_REJECTION_REASON
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLISHED


def test_approving_resolves_the_reports(article, site):
    comment, _ = post(article)
    services.comment_report(comment=comment, reporter=reader_factory(), reason="spam")
    services.comment_approve(comment=comment, moderator=None)
    assert CommentReport.objects.get().resolved_at is not None


def test_reply_notification_reaches_readers_who_opted_in(
    article, site, django_capture_on_commit_callbacks
):
    author = reader_factory(username="alice", email="alice@example.org")
    CommenterSettings.objects.create(user=author, notify_on_reply=True)
    comment, _ = post(article, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        post(article, author=reader_factory(username="bob"), reply_to=comment, body="Agreed")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert mail.outbox[0].subject == "Bob replied to your comment"
    assert "Agreed" in mail.outbox[0].body


def test_notifications_speak_the_language_of_the_comments_site(
    article, site, django_capture_on_commit_callbacks
):
    from newsdesk.network.models import SiteSettings

    settings_row = SiteSettings.for_site(site)
    settings_row.language = "af"
    settings_row.save()
    author = reader_factory(username="alice", email="alice@example.org")
    CommenterSettings.objects.create(user=author, notify_on_reply=True)
    comment, _ = post(article, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        post(article, author=reader_factory(username="bob"), reply_to=comment, body="Eens")
    assert mail.outbox[0].subject == "Bob het op jou kommentaar geantwoord"
    assert f"{site.root_url}/comments/c/" in mail.outbox[0].body


def test_no_notification_without_opt_in(article, site, django_capture_on_commit_callbacks):
    comment, _ = post(article)
    with django_capture_on_commit_callbacks(execute=True):
        post(article, reply_to=comment, body="Agreed")
        services.comment_reject(comment=comment, moderator=None, reason="spam")
    assert mail.outbox == []


def test_rejection_notification_gives_the_reason(article, site, django_capture_on_commit_callbacks):
    author = reader_factory(email="carol@example.org")
    CommenterSettings.objects.create(user=author, notify_on_rejection=True)
    comment, _ = post(article, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reject(
            comment=comment, moderator=None, reason="off_topic", note="Stay on the story."
        )
    assert len(mail.outbox) == 1
    assert "Reason: Off topic." in mail.outbox[0].body
    assert "Stay on the story." in mail.outbox[0].body
