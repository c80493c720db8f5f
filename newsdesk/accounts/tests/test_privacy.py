import json

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from wagtail import hooks

from newsdesk.accounts.export import DUPLICATE_KEY, account_export
from newsdesk.accounts.services import WRONG_PASSWORD
from newsdesk.core.hooks import USER_DATA_EXPORT
from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import ProfileError, profile_create
from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory, reader_with_profile
from newsdesk.profiles.usernames import TAKEN

pytestmark = pytest.mark.django_db

EMAIL = "private.person@example.org"


@pytest.fixture
def reader(client, home_page):
    profile = reader_with_profile("zanele", email=EMAIL, first_name="Zanele", last_name="Mbeki")
    Profile.objects.filter(pk=profile.pk).update(bio="I live in Umlazi-Ekuthuleni.")
    SocialAccount.objects.create(
        user=profile.user, provider="google", uid="1098", extra_data={"email": EMAIL}
    )
    client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return profile.user


def test_export_downloads_everything_we_hold_as_json(client, reader):
    response = client.get("/people/me/export/")
    assert response["Content-Disposition"] == 'attachment; filename="newsdesk-my-data.json"'
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    data = json.loads(response.content)
    assert data["account"]["email"] == EMAIL
    assert data["account"]["social_accounts"][0]["uid"] == "1098"
    assert data["profile"]["username"] == "zanele"
    assert data["profile"]["bio"] == "I live in Umlazi-Ekuthuleni."


def test_other_apps_add_their_data_to_the_export(client, reader):
    def extra_export(*, user):
        return {"extra": [{"text": f"by {user.pk}"}]}

    with hooks.register_temporarily(USER_DATA_EXPORT, extra_export):
        data = json.loads(client.get("/people/me/export/").content)
    assert data["extra"] == [{"text": f"by {reader.pk}"}]


def test_two_exporters_cannot_claim_one_key(reader):
    def second_profile_export(*, user):
        return {"profile": "mine"}

    with (
        hooks.register_temporarily(USER_DATA_EXPORT, second_profile_export),
        pytest.raises(ValueError, match=DUPLICATE_KEY.format(key="profile")),
    ):
        account_export(user=reader)


def test_delete_needs_the_password(client, reader):
    response = client.post("/people/me/delete/", {"password": "nope", "confirm": "on"})
    assert str(WRONG_PASSWORD) in response.content.decode()
    assert EmailAddress.objects.filter(email=EMAIL).exists()


def test_delete_screen_states_what_happens_to_published_work(client, reader):
    page = client.get("/people/me/delete/").content.decode()
    assert "already published stay on the site" in page


def test_delete_screen_states_what_happens_to_comments_and_reports(client, reader):
    page = client.get("/people/me/delete/").content.decode()
    assert "Your comments are deleted, with their text." in page
    assert "This comment was removed when its author deleted their account." in page
    assert "without your name or your note" in page


def _rows_mentioning(text: str) -> list[str]:
    """Every model's text fields (including JSON), searched for ``text``."""
    found = []
    text_fields = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, text_fields)]
        for field in fields:
            lookup = f"{field.name}__icontains"
            if isinstance(field, models.JSONField):
                rows = [v for v in model._default_manager.values_list(field.name, flat=True) if v]
                if any(text in json.dumps(v).lower() for v in rows):
                    found.append(f"{model._meta.label}.{field.name}")
            elif model._default_manager.filter(**{lookup: text}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_deleting_the_account_leaves_no_trace_of_the_email_but_keeps_the_username(client, reader):
    assert _rows_mentioning(EMAIL.lower())  # the scan does find it while the account lives
    response = client.post("/people/me/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response["Location"] == "/accounts/deleted/"
    assert _rows_mentioning(EMAIL.lower()) == []
    assert _rows_mentioning("mbeki") == []
    assert _rows_mentioning("umlazi-ekuthuleni") == []
    assert not SocialAccount.objects.exists() and not UserSession.objects.exists()
    assert not Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
    assert "_auth_user_id" not in client.session
    tombstone = Profile.objects.get(username_key="zanele")
    assert tombstone.is_tombstone
    with pytest.raises(ProfileError, match=str(TAKEN)):
        profile_create(user=ReaderFactory(), username="Zanele")
