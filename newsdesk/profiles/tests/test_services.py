import re

import pytest

from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import (
    ALREADY_HAS_PROFILE,
    ProfileError,
    profile_create,
    profile_tombstone,
    profile_update,
)
from newsdesk.profiles.tests.factories import ReaderFactory, reader_with_profile
from newsdesk.profiles.usernames import NOT_ALLOWED_CHARACTERS, RESERVED, TAKEN

pytestmark = pytest.mark.django_db


def test_reader_claims_a_username_once():
    user = ReaderFactory()
    profile = profile_create(user=user, username="Alice", display_name="Alice A")
    assert (profile.username, profile.username_key, profile.user) == ("Alice", "alice", user)


@pytest.mark.parametrize("other_form", ["alice", "ALICE", "ａｌｉｃｅ", "Ａlice"])
def test_a_name_taken_in_any_case_or_width_is_refused(other_form):
    reader_with_profile("Alice")
    with pytest.raises(ProfileError, match=re.escape(str(TAKEN))):
        profile_create(user=ReaderFactory(), username=other_form)
    assert Profile.objects.count() == 1


def test_look_alike_from_another_script_is_refused_not_mapped():
    reader_with_profile("alice")
    with pytest.raises(ProfileError, match=re.escape(str(NOT_ALLOWED_CHARACTERS))):
        profile_create(user=ReaderFactory(), username="аlice")  # Cyrillic а


def test_reserved_words_are_refused():
    with pytest.raises(ProfileError, match=re.escape(str(RESERVED))):
        profile_create(user=ReaderFactory(), username="Moderator")
    assert not Profile.objects.exists()


def test_a_reader_cannot_claim_a_second_username():
    profile = reader_with_profile("alice")
    with pytest.raises(ProfileError, match=re.escape(str(ALREADY_HAS_PROFILE))):
        profile_create(user=profile.user, username="alice2")
    profile.refresh_from_db()
    assert profile.username == "alice"


def test_update_changes_everything_but_the_username():
    profile = reader_with_profile("alice")
    profile.username = "mallory"  # a caller that tries anyway
    profile_update(profile=profile, display_name=" Alice Liddell ", bio="Down the hole.")
    profile.refresh_from_db()
    assert (profile.username, profile.display_name, profile.bio) == (
        "alice",
        "Alice Liddell",
        "Down the hole.",
    )


def test_a_nul_byte_in_a_profile_is_refused_with_a_message_and_changes_nothing():
    # PostgreSQL cannot store it; found by the Hypothesis check in tests/reliability.
    from django.core.exceptions import ValidationError

    profile = reader_with_profile("alice")
    with pytest.raises(ValidationError, match="Null characters are not allowed"):
        profile_update(profile=profile, display_name="Al\x00ice", bio="Fine.")
    profile.refresh_from_db()
    assert (profile.display_name, profile.bio) == ("Alice", "")


def test_a_deleted_readers_username_is_never_issued_again():
    profile = reader_with_profile("alice")
    user = profile.user
    profile_tombstone(profile=profile)
    user.delete()
    with pytest.raises(ProfileError, match=re.escape(str(TAKEN))):
        profile_create(user=ReaderFactory(), username="ALICE")


def test_deleting_a_user_anywhere_leaves_a_bare_tombstone():
    profile = reader_with_profile("alice")
    Profile.objects.filter(pk=profile.pk).update(bio="Personal things")
    profile.user.delete()  # e.g. from the Wagtail admin
    profile.refresh_from_db()
    assert profile.is_tombstone and profile.username_key == "alice"
    assert (profile.display_name, profile.bio, profile.avatar.name) == ("", "", "")
    assert profile.deleted_at is not None
