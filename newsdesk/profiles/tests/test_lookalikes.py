"""Security row 13: names that pass for staff, the site, or a reader already here are refused."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.profiles.models import Profile
from newsdesk.profiles.selectors import username_looks_taken
from newsdesk.profiles.services import ProfileError, profile_create
from newsdesk.profiles.tests.factories import ReaderFactory, reader_with_profile
from newsdesk.profiles.usernames import (
    LOOKS_LIKE_TAKEN,
    RESERVED,
    username_problem,
    username_skeleton,
)


@pytest.mark.parametrize(
    "name",
    ["admin_1", "adm1n", "4dmin", "Adm.in", "admins", "adnin", "r00t", "m0derator", "ed1tor"],
)
def test_look_alikes_of_staff_words_are_reserved(name):
    assert username_problem(name) == RESERVED


@pytest.mark.parametrize("name", ["badminton", "editorial", "creditor", "rooted", "mary-jane"])
def test_names_that_merely_contain_a_staff_word_are_fine(name):
    assert username_problem(name) is None


def test_skeletons_fold_what_looks_alike():
    assert username_skeleton("th4ndi") == username_skeleton("thandl") == username_skeleton("thandi")
    assert username_skeleton("Mo_rnlight") == username_skeleton("momlight")
    assert username_skeleton("alice") != username_skeleton("alicia")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["thandl", "th4ndi", "Th.andi", "thand1", "thandii", "thamdi"])
def test_names_that_pass_for_an_existing_reader_are_refused(name):
    reader_with_profile(username="thandi")
    with pytest.raises(ProfileError) as refused:
        profile_create(user=ReaderFactory(), username=name)
    assert refused.value.messages == [LOOKS_LIKE_TAKEN]


@pytest.mark.django_db
def test_short_names_one_letter_apart_are_different_names():
    reader_with_profile(username="anna")
    assert profile_create(user=ReaderFactory(), username="anne").username == "anne"


@pytest.mark.django_db
def test_the_look_alike_check_is_one_query_however_many_readers():
    names = [f"r{hashlib.sha256(str(n).encode()).hexdigest()[:12]}" for n in range(40)]
    for name in names:
        reader_with_profile(username=name)
    with CaptureQueriesContext(connection) as queries:
        assert username_looks_taken(username=names[7].upper())
        assert not username_looks_taken(username="somebody-new")
    assert len(queries) == 2


@pytest.mark.django_db
def test_create_profile_page_explains_the_refusal(client):
    reader_with_profile(username="thandi")
    reader = ReaderFactory()
    client.force_login(reader)
    response = client.post(
        "/people/create/", {"username": "th4ndi", "display_name": "T", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "looks too much like one that is already taken" in response.content.decode()
    assert not Profile.objects.filter(user=reader).exists()
