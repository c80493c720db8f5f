"""Security row 2: /admin/login/ is for staff only, under readers' sign-in limits."""

import pytest
from allauth.account.models import EmailAddress

from newsdesk.accounts.forms import ADMIN_LOGIN_REFUSED
from newsdesk.contributions.tests.factories import editor
from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory

pytestmark = pytest.mark.django_db


def _admin_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_reader_with_unverified_email_cannot_sign_in_at_the_admin(client):
    reader = ReaderFactory(verified=False)
    assert not EmailAddress.objects.filter(user=reader, verified=True).exists()
    response = _admin_login(client, reader.username, PASSWORD)
    assert response.status_code == 200
    assert str(ADMIN_LOGIN_REFUSED) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_verified_reader_without_admin_access_is_refused_like_a_wrong_password(client):
    reader = ReaderFactory()
    right = _admin_login(client, reader.username, PASSWORD).content.decode()
    wrong = _admin_login(client, reader.username, "not-the-password").content.decode()
    assert str(ADMIN_LOGIN_REFUSED) in right
    assert str(ADMIN_LOGIN_REFUSED) in wrong
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_at_the_admin_with_their_username(client):
    staff = editor(username="eddie")
    response = _admin_login(client, "eddie", "pw")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert int(client.session["_auth_user_id"]) == staff.pk


def test_failed_admin_sign_ins_are_rate_limited_even_for_the_right_password(client):
    editor(username="eddie")
    for _ in range(5):
        _admin_login(client, "eddie", "wrong")
    response = _admin_login(client, "eddie", "pw")
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_staff_sign_ins_do_not_use_up_the_limit(client):
    editor(username="eddie")
    for _ in range(8):
        assert _admin_login(client, "eddie", "pw").status_code == 302
        client.logout()


def test_admin_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == 404
