import re

import pytest
from django.contrib.auth import get_user_model

from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")


def _sign_up(client, email="lindiwe@example.org"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD})


def test_sign_up_sends_a_verification_link_and_signs_in_only_after_it_is_followed(
    client, mailoutbox
):
    response = _sign_up(client)
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    link = CONFIRM_LINK.search(mailoutbox[0].body).group(1)
    assert client.get(link).status_code == 200  # a page with a button: scanners do not confirm
    response = client.post(link)
    assert response["Location"] == "/people/create/"
    user = get_user_model().objects.get(email="lindiwe@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.username.startswith("reader-") and "lindiwe" not in user.username


def test_unverified_reader_cannot_sign_in(client, mailoutbox):
    _sign_up(client)
    client.logout()
    mailoutbox.clear()
    response = client.post(
        "/accounts/login/", {"login": "lindiwe@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert mailoutbox == []  # the link just sent is still good: no resend within 3 minutes


def test_sign_up_with_a_taken_email_looks_the_same_and_tells_only_the_owner(client, mailoutbox):
    ReaderFactory(email="taken@example.org")
    taken = _sign_up(client, email="taken@example.org")
    client.logout()
    fresh = _sign_up(client, email="fresh@example.org")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert get_user_model().objects.filter(email="taken@example.org").count() == 1
    assert mailoutbox[0].to == ["taken@example.org"]
    assert "already" in mailoutbox[0].body.lower()


def test_password_reset_answers_the_same_for_unknown_addresses(client, mailoutbox):
    ReaderFactory(email="known@example.org")
    known = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_failed_sign_ins_are_rate_limited(client):
    ReaderFactory(email="target@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "target@example.org", "password": "wrong"})
    # Even the right password is refused until the window passes.
    response = client.post(
        "/accounts/login/", {"login": "target@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_verified_reader_signs_in_with_email_and_password(client):
    user = ReaderFactory(email="verified@example.org")
    response = client.post(
        "/accounts/login/", {"login": "Verified@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_confirmation_mail_and_page_never_show_the_internal_handle(client, mailoutbox):
    _sign_up(client)
    user = get_user_model().objects.get(email="lindiwe@example.org")
    body = mailoutbox[0].body
    assert user.username not in body and "reader-" not in body
    link = CONFIRM_LINK.search(body).group(1)
    page = client.get(link).content.decode()
    assert "lindiwe@example.org" in page and "reader-" not in page
    assert str(user) == "lindiwe@example.org"  # no profile yet: the address they typed
