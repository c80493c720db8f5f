"""Posting, editing, flagging and deleting entries: one transaction each, checked first."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.liveblogs import services
from newsdesk.liveblogs.models import LiveBlogEntry, LiveBlogPage
from newsdesk.liveblogs.selectors import entry_list
from newsdesk.liveblogs.tests.factories import entry_factory, text

pytestmark = pytest.mark.django_db


def test_posting_an_entry_does_not_make_a_page_revision(blog, editor):
    revisions = blog.revisions.count()
    entry = services.entry_post(blog=blog, user=editor, body=text("Turnout is high."))
    assert entry.pk and entry.blog_id == blog.pk
    assert blog.revisions.count() == revisions
    assert LiveBlogPage.objects.get(pk=blog.pk).live


def test_a_reader_may_not_post(blog):
    reader = get_user_model().objects.create_user(username="reader", password="x")
    with pytest.raises(PermissionDenied, match=str(services.NOT_ALLOWED)):
        services.entry_post(blog=blog, user=reader, body=text("Hello"))
    assert not LiveBlogEntry.objects.exists()


def test_an_empty_entry_is_refused_and_nothing_is_stored(blog, editor):
    with pytest.raises(ValidationError) as caught:
        services.entry_post(blog=blog, user=editor, body=[], title="Only a title")
    assert str(services.EMPTY_ENTRY) in str(caught.value)
    assert not LiveBlogEntry.objects.exists()


def test_a_title_too_long_is_refused_and_nothing_is_stored(blog, editor):
    with pytest.raises(ValidationError):
        services.entry_post(blog=blog, user=editor, body=text("x"), title="t" * 201)
    assert not LiveBlogEntry.objects.exists()


def test_editing_marks_the_entry_updated(blog, editor):
    entry = entry_factory(blog=blog)
    assert entry.updated_at is None
    services.entry_update(entry=entry, user=editor, body=text("Corrected."), title="Fixed")
    entry.refresh_from_db()
    assert entry.updated_at is not None and entry.title == "Fixed"
    assert entry.plain_text == "Corrected."


def test_pinning_and_flagging_are_not_edits(blog, editor):
    entry = entry_factory(blog=blog)
    services.entry_flags_set(entry=entry, user=editor, is_pinned=True)
    services.entry_flags_set(entry=entry, user=editor, is_key_event=True)
    entry.refresh_from_db()
    assert entry.is_pinned and entry.is_key_event and entry.updated_at is None


def test_deleting_removes_the_entry(blog, editor):
    entry = entry_factory(blog=blog)
    services.entry_delete(entry=entry, user=editor)
    assert not LiveBlogEntry.objects.exists()


def test_entries_are_listed_newest_first(blog):
    first = entry_factory(blog=blog, body_text="one")
    second = entry_factory(blog=blog, body_text="two")
    assert [e.pk for e in entry_list(blog_id=blog.pk)] == [second.pk, first.pk]


def test_coverage_cannot_end_before_it_starts(blog):
    from datetime import timedelta

    from django.utils import timezone

    blog.coverage_start = timezone.now()
    blog.coverage_end = blog.coverage_start - timedelta(hours=1)
    with pytest.raises(ValidationError):
        blog.full_clean()
