import pytest

from newsdesk.profiles.tests.factories import ReaderFactory, reader_with_profile

pytestmark = pytest.mark.django_db


def test_status_for_an_anonymous_reader_offers_sign_in_and_join(client):
    response = client.get("/accounts/status.json")
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["signed_in"] is False and data["profile"] is None
    assert data["links"] == {"sign_in": "/accounts/login/", "join": "/accounts/signup/"}


def test_status_names_the_signed_in_reader_and_their_profile(client):
    profile = reader_with_profile("thandi")
    client.force_login(profile.user)
    data = client.get("/accounts/status.json").json()
    assert data["signed_in"] is True
    assert data["profile"]["username"] == "thandi"
    assert data["profile"]["url"] == "/people/thandi/"
    assert data["links"]["sign_out"] == "/accounts/logout/"


def test_status_of_a_reader_without_profile_points_to_create_profile(client):
    client.force_login(ReaderFactory())
    data = client.get("/accounts/status.json").json()
    assert data["profile"] is None
    assert data["links"]["create_profile"] == "/people/create/"


def test_public_pages_carry_the_same_header_for_everyone(client, home_page):
    anonymous = client.get("/").content
    client.force_login(reader_with_profile("thandi").user)
    signed_in = client.get("/")
    assert signed_in.content == anonymous
    assert "public" in signed_in["Cache-Control"]
    assert b"data-account-slot" in anonymous and b"thandi" not in anonymous


def test_join_prompt_renders_from_settings_only(rf, settings):
    from django.template.loader import render_to_string

    settings.SOCIALACCOUNT_PROVIDERS = {
        "facebook": {"APPS": [{"client_id": "1", "secret": "s", "key": ""}]}
    }
    html = render_to_string("accounts/join_prompt.html")
    assert "Join the community to comment and personalise news, weather and listings." in html
    assert "Continue with Facebook" in html and "Continue with Google" not in html


def test_a_reader_can_see_where_they_are_signed_in(client, home_page):
    """allauth's sessions page (a 500 until django.contrib.humanize was installed)."""
    client.force_login(reader_with_profile("thandi").user)
    response = client.get("/accounts/sessions/")
    assert response.status_code == 200
