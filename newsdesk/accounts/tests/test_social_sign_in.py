"""Facebook, Google and OpenID Connect sign-in, with only the providers' HTTP mocked.

The mocked responses are shaped like the real ones: Google's token endpoint returns an
id_token JWT, Facebook's Graph API answers /oauth/access_token and /me, and the OIDC
provider serves a discovery document, a token endpoint and a userinfo endpoint.
"""

import re
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from newsdesk.profiles.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db

OIDC_ISSUER = "https://id.example.net"
CLIENT_ID = "newsdesk-test-client"


@pytest.fixture(autouse=True)
def providers(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "google": {
            "APPS": [{"client_id": CLIENT_ID, "secret": "g-secret", "key": ""}],
            "SCOPE": ["openid", "profile", "email"],
        },
        "facebook": {
            "APPS": [{"client_id": "1234567890", "secret": "fb-secret", "key": ""}],
            "METHOD": "oauth2",
            "SCOPE": ["email", "public_profile"],
            "FIELDS": ["id", "email", "name", "first_name", "last_name"],
            "VERIFIED_EMAIL": False,
        },
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "example-id",
                    "name": "Example ID",
                    "client_id": CLIENT_ID,
                    "secret": "oidc-secret",
                    "settings": {"server_url": OIDC_ISSUER},
                }
            ]
        },
    }


def _state_from_redirect(response) -> str:
    assert response.status_code == 302, response
    query = parse_qs(urlparse(response["Location"]).query)
    return query["state"][0]


def _id_token(*, issuer: str, sub: str, email: str, verified: bool) -> str:
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": CLIENT_ID,
        "sub": sub,
        "email": email,
        "email_verified": verified,
        "name": "Nomsa Dlamini",
        "given_name": "Nomsa",
        "family_name": "Dlamini",
        "iat": now,
        "exp": now + 3600,
    }
    # Fetched straight from the token endpoint over TLS, so allauth skips the signature.
    return jwt.encode(claims, "not-checked", algorithm="HS256")


def google_sign_in(client, *, sub: str, email: str, verified: bool = True):
    state = _state_from_redirect(client.post("/accounts/google/login/", {"process": "login"}))
    with responses.RequestsMock() as mock:
        mock.post(
            "https://oauth2.googleapis.com/token",
            json={
                "access_token": "ya29.a0-test",
                "expires_in": 3599,
                "scope": "openid https://www.googleapis.com/auth/userinfo.email",
                "token_type": "Bearer",
                "id_token": _id_token(
                    issuer="https://accounts.google.com", sub=sub, email=email, verified=verified
                ),
            },
        )
        return client.get("/accounts/google/login/callback/", {"code": "4/0A-code", "state": state})


def oidc_sign_in(client, *, sub: str, email: str, verified: bool):
    discovery = {
        "issuer": OIDC_ISSUER,
        "authorization_endpoint": f"{OIDC_ISSUER}/authorize",
        "token_endpoint": f"{OIDC_ISSUER}/oauth/token",
        "userinfo_endpoint": f"{OIDC_ISSUER}/userinfo",
        "jwks_uri": f"{OIDC_ISSUER}/.well-known/jwks.json",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "scopes_supported": ["openid", "profile", "email"],
    }
    well_known = f"{OIDC_ISSUER}/.well-known/openid-configuration"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(well_known, json=discovery)
        response = client.post("/accounts/oidc/example-id/login/", {"process": "login"})
    state = _state_from_redirect(response)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(well_known, json=discovery)
        mock.post(
            f"{OIDC_ISSUER}/oauth/token",
            json={
                "access_token": "oidc-access-token",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": _id_token(issuer=OIDC_ISSUER, sub=sub, email=email, verified=verified),
            },
        )
        mock.get(
            f"{OIDC_ISSUER}/userinfo",
            json={
                "sub": sub,
                "email": email,
                "email_verified": verified,
                "name": "Nomsa Dlamini",
                "preferred_username": "nomsa",
            },
        )
        return client.get(
            "/accounts/oidc/example-id/login/callback/", {"code": "oidc-code", "state": state}
        )


def facebook_sign_in(client, *, fb_id: str, email: str):
    state = _state_from_redirect(client.post("/accounts/facebook/login/", {"process": "login"}))
    with responses.RequestsMock() as mock:
        mock.get(
            re.compile(r"https://graph\.facebook\.com/v[\d.]+/oauth/access_token.*"),
            json={"access_token": "EAAB-test", "token_type": "bearer", "expires_in": 5183944},
        )
        mock.get(
            re.compile(r"https://graph\.facebook\.com/v[\d.]+/me.*"),
            json={
                "id": fb_id,
                "email": email,
                "name": "Sipho Nkosi",
                "first_name": "Sipho",
                "last_name": "Nkosi",
            },
        )
        return client.get("/accounts/facebook/login/callback/", {"code": "fb-code", "state": state})


def signed_in_user_id(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_google_sign_in_creates_a_reader_keyed_on_googles_subject_id(client):
    response = google_sign_in(client, sub="109876543210", email="nomsa@gmail.example")
    account = SocialAccount.objects.get(provider="google")
    assert account.uid == "109876543210"
    assert signed_in_user_id(client) == account.user_id
    assert response["Location"] == "/people/create/"
    assert account.user.username.startswith("reader-")  # no email copied into it


def test_returning_google_reader_is_found_by_subject_even_with_a_new_email(client):
    google_sign_in(client, sub="109876543210", email="nomsa@gmail.example")
    first = SocialAccount.objects.get(provider="google").user_id
    client.logout()
    google_sign_in(client, sub="109876543210", email="nomsa.new@gmail.example")
    assert signed_in_user_id(client) == first
    assert get_user_model().objects.count() == 1


def test_unverified_oidc_email_never_signs_into_an_existing_account(client):
    existing = ReaderFactory(email="nomsa@example.org")
    response = oidc_sign_in(client, sub="oidc-sub-1", email="nomsa@example.org", verified=False)
    # The same "check your email" answer as for a new address: nothing is given away.
    assert response["Location"] == "/accounts/confirm-email/"
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.filter(user=existing).exists()
    assert get_user_model().objects.count() == 1


def test_verified_oidc_email_does_not_take_over_an_existing_account_either(client):
    existing = ReaderFactory(email="nomsa@example.org")
    oidc_sign_in(client, sub="oidc-sub-2", email="nomsa@example.org", verified=True)
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.filter(user=existing).exists()
    assert get_user_model().objects.count() == 1


def test_oidc_sign_in_with_a_new_verified_email_creates_a_reader(client):
    oidc_sign_in(client, sub="oidc-sub-3", email="new@example.org", verified=True)
    account = SocialAccount.objects.get(provider="example-id")
    assert account.uid == "oidc-sub-3"
    assert signed_in_user_id(client) == account.user_id


def test_facebook_email_must_be_verified_by_us_before_the_reader_is_signed_in(client, mailoutbox):
    response = facebook_sign_in(client, fb_id="10160000000000001", email="sipho@example.org")
    account = SocialAccount.objects.get(provider="facebook")
    assert account.uid == "10160000000000001"
    assert signed_in_user_id(client) is None
    assert response["Location"] == "/accounts/confirm-email/"
    assert [m.to for m in mailoutbox] == [["sipho@example.org"]]


def test_sign_in_page_lists_the_configured_providers(client, settings):
    page = client.get("/accounts/login/").content.decode()
    for name in ("Continue with Facebook", "Continue with Google", "Continue with Example ID"):
        assert name in page
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get("/accounts/login/").content.decode()
    assert "Continue with" not in page
