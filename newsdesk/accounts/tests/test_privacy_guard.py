"""Every table that holds something about a reader is exported, or left out on purpose.

In the spirit of Zulip's export guard: a new model with a key to the user (or to the
reader's profile) fails here until someone decides what the export and the account
deletion do with it.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from newsdesk.accounts.export import account_export
from newsdesk.accounts.services import account_delete
from newsdesk.contributions.models import Submission
from newsdesk.contributions.tests.factories import sent_pictures, sent_story
from newsdesk.discussions.models import (
    Comment,
    CommenterSettings,
    CommentReaction,
    CommentReport,
)
from newsdesk.discussions.services import comment_recommend_toggle, comment_report
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.local.models import LocationChoice, Place
from newsdesk.newsletters.models import Subscriber
from newsdesk.profiles.models import Profile
from newsdesk.sanctions.models import Sanction

# "app_label.Model.field" -> the export key that holds it. Each row goes on account
# deletion (by cascade, or by an ACCOUNT_ERASE eraser where it does not cascade), or is
# kept without anything of the reader where others depend on it: a comment another reader
# answered stays as an empty, authorless placeholder; a report stays without reporter.
EXPORTED = {
    "account.EmailAddress.user": "account",
    "socialaccount.SocialAccount.user": "account",
    "usersessions.UserSession.user": "account",
    "profiles.Profile.user": "profile",
    "discussions.Comment.author": "comments",
    "discussions.CommentReport.reporter": "comment_reports",
    "discussions.CommentReaction.user": "comment_recommendations",
    "discussions.CommenterSettings.user": "commenter_settings",
    "local.LocationChoice.user": "location_choices",
    "sanctions.Sanction.user": "sanctions",
    "contributions.Submission.contributor": "submissions",
    "newsletters.Subscriber.user": "newsletter_subscriptions",
}

STAFF_RECORD = "a newsroom staff member's action, not reader data; SET_NULL on deletion"
EDITORIAL = "editors' and reporters' work in the CMS, not reader data; SET_NULL on deletion"
# "app_label.Model.field" (or "app_label.*.field" for every page type) -> why not.
NOT_EXPORTED = {
    "*.locked_by": EDITORIAL,
    "*.owner": EDITORIAL,
    "images.CustomImage.uploaded_by_user": (
        "photos a reader sent are exported with their submission; others are staff uploads"
    ),
    "wagtailimages.Image.uploaded_by_user": EDITORIAL,
    "wagtaildocs.Document.uploaded_by_user": EDITORIAL,
    "wagtailcore.UploadedFile.uploaded_by_user": EDITORIAL,
    "wagtailcore.Revision.user": EDITORIAL,
    "wagtailcore.WorkflowState.requested_by": EDITORIAL,
    "wagtailcore.TaskState.finished_by": EDITORIAL,
    "wagtailcore.ModelLogEntry.user": EDITORIAL,
    "wagtailcore.PageLogEntry.user": EDITORIAL,
    "wagtailcore.Comment.user": "editors' comments on drafts in the admin",
    "wagtailcore.Comment.resolved_by": "editors' comments on drafts in the admin",
    "wagtailcore.CommentReply.user": "editors' comments on drafts in the admin",
    "wagtailcore.PageSubscription.user": "editors' notification choices in the admin",
    "wagtailcore.APIToken.user": "staff API tokens",
    "wagtailusers.UserProfile.user": "admin interface preferences; cascades on deletion",
    "wagtailadmin.EditingSession.user": "admin editing sessions; cascade on deletion",
    "wagtailadmin.FormState.user": "admin form drafts; cascade on deletion",
    "sanctions.Sanction.created_by": STAFF_RECORD,
    "sanctions.Sanction.revoked_by": STAFF_RECORD,
    "discussions.ArticleDiscussion.closed_by": STAFF_RECORD,
    "discussions.ModerationAction.actor": STAFF_RECORD,
    "discussions.ModerationAction.target_user": (
        "the moderators' audit log; the reader's own comments and sanctions are exported; "
        "SET_NULL on deletion"
    ),
    "contributions.Submission.locked_by": EDITORIAL,
    "contributions.PublishedContribution.contributor": (
        "the public record of a published submission, which is exported; stays under the "
        "kept username on deletion, as the delete screen says"
    ),
}


def _reader_keys() -> set[str]:
    """Every field that points at a user or at a reader's profile."""
    targets = {get_user_model(), Profile}
    keys = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model in targets:
                keys.add(f"{model._meta.label}.{field.name}")
    return keys


def _decided(key: str) -> bool:
    if key in EXPORTED or key in NOT_EXPORTED:
        return True
    return f"*.{key.rsplit('.', 1)[1]}" in NOT_EXPORTED


def test_every_table_about_a_reader_is_exported_or_left_out_with_a_reason():
    undecided = sorted(k for k in _reader_keys() if not _decided(k))
    assert not undecided, (
        "Add these to EXPORTED (and export them through the USER_DATA_EXPORT hook) or to "
        f"NOT_EXPORTED with the reason: {undecided}"
    )
    stale = sorted(k for k in [*EXPORTED, *NOT_EXPORTED] if "*" not in k)
    assert set(stale) <= _reader_keys(), "Entries for fields that no longer exist"


@pytest.fixture
def busy_reader(home_page, settings, tmp_path):
    """A reader who has done one of everything the site keeps."""
    settings.MEDIA_ROOT = tmp_path
    reader = reader_factory(username="busy", first_name="Bongani", last_name="Qwabe-Mokoena")
    other = reader_factory(username="other")
    article = home_page  # any page takes comments in the data model
    comment_factory(article=article, author=reader, body="My own words on this.")
    answered = comment_factory(article=article, author=reader, body="Words someone answered.")
    comment_factory(
        article=article, author=other, parent=answered, in_reply_to=answered, body="A reply."
    )
    theirs = comment_factory(article=article, author=other, body="Someone else's view.")
    comment_report(comment=theirs, reporter=reader, reason=CommentReport.Reason.SPAM)
    comment_recommend_toggle(comment=theirs, user=reader)
    CommenterSettings.objects.create(user=reader, notify_on_reply=True)
    place = Place.objects.filter(kind=Place.Kind.CITY).first() or Place.objects.first()
    LocationChoice.objects.create(user=reader, component="weather", place=place)
    Sanction.objects.create(user=reader, kind=Sanction.Kind.WARNING, reason="Mind the tone.")
    Subscriber.objects.create(email=reader.email, user=reader)
    profile = Profile.objects.get(user=reader)
    sent_story(profile)
    sent_pictures(profile)
    return reader


def test_export_holds_one_of_everything_the_reader_did(busy_reader):
    data = json.loads(json.dumps(account_export(user=busy_reader), default=str))
    assert [c["body"] for c in data["comments"]] == [
        "My own words on this.",
        "Words someone answered.",
    ]
    assert [r["reason"] for r in data["comment_reports"]] == ["spam"]
    assert len(data["comment_recommendations"]) == 1
    assert data["commenter_settings"]["notify_on_reply"] is True
    assert [c["component"] for c in data["location_choices"]] == ["weather"]
    assert [s["reason"] for s in data["sanctions"]] == ["Mind the tone."]
    kinds = sorted(s["kind"] for s in data["submissions"])
    assert kinds == ["pictures", "story"]
    pictures = next(s for s in data["submissions"] if s["kind"] == "pictures")
    assert pictures["photos"] and pictures["photos"][0]["file"]
    assert data["profile"]["username"] == "busy"
    assert data["account"]["email"] == "busy@example.org"
    assert set(EXPORTED.values()) <= set(data)


def test_account_deletion_erases_everything_the_export_held(busy_reader):
    user_id = busy_reader.pk
    account_delete(user=busy_reader)
    assert not Comment.objects.filter(author_id=user_id).exists()
    assert not CommentReport.objects.filter(reporter_id=user_id).exists()
    assert not CommentReaction.objects.filter(user_id=user_id).exists()
    assert Comment.objects.get(body="Someone else's view.").recommend_count == 0
    assert not CommenterSettings.objects.filter(user_id=user_id).exists()
    assert not LocationChoice.objects.filter(user_id=user_id).exists()
    assert not Sanction.objects.filter(user_id=user_id).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()
    assert not Subscriber.objects.filter(email="busy@example.org").exists()
    # Unpublished submissions go; the profile stays only as a tombstone with the name.
    assert not Submission.objects.filter(contributor__username="busy").exists()
    tombstone = Profile.objects.get(username="busy")
    assert tombstone.user_id is None
    # The other reader's comment, which ours reported, is untouched, and so is their
    # reply to ours, which stays under an empty placeholder.
    assert Comment.objects.filter(body="Someone else's view.").exists()
    reply = Comment.objects.get(body="A reply.")
    assert reply.parent.author_id is None and reply.parent.body == ""
    assert CommentReport.objects.filter(reporter__isnull=True, note="").count() == 1


def _rows_mentioning(text: str) -> list[str]:
    """Every model's text and JSON fields that mention ``text``."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.JSONField):
                values = model._default_manager.values_list(field.name, flat=True)
                if any(text in json.dumps(v).lower() for v in values if v):
                    found.append(f"{model._meta.label}.{field.name}")
            elif (
                isinstance(field, models.CharField | models.TextField)
                and model._default_manager.filter(**{f"{field.name}__icontains": text}).exists()
            ):
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_account_deletion_leaves_nothing_of_the_reader_but_the_reserved_username(busy_reader):
    traces = ["busy@example.org", "bongani", "qwabe-mokoena", "my own words", "someone answered"]
    assert all(_rows_mentioning(t) for t in traces)  # the scan finds them while they live
    account_delete(user=busy_reader)
    assert {t: _rows_mentioning(t) for t in traces} == {t: [] for t in traces}
    # The username is kept on the tombstone alone, so nobody can take it; no comment,
    # report or placeholder points at the tombstone or names the reader.
    assert set(_rows_mentioning("busy")) <= {
        "profiles.Profile.username",
        "profiles.Profile.username_key",
    }
