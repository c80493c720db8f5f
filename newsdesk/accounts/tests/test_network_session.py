import pytest

from newsdesk.accounts.middleware import host_in_domain
from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "domain", "inside"),
    [
        ("news.example.com", ".example.com", True),
        ("sport.example.com:8443", ".example.com", True),
        ("example.com", ".example.com", True),
        ("127.0.0.1:8000", ".example.com", False),
        ("evil-example.com", ".example.com", False),
        ("news.localhost", ".localhost", False),  # browsers refuse top-level cookie domains
    ],
)
def test_host_in_domain(host, domain, inside):
    assert host_in_domain(host, domain) is inside


def _sign_in(client, host):
    ReaderFactory(email="net@example.org")
    return client.post(
        "/accounts/login/", {"login": "net@example.org", "password": PASSWORD}, HTTP_HOST=host
    )


def test_session_cookie_covers_the_network_parent_domain(client, settings, home_page):
    settings.SESSION_COOKIE_DOMAIN = ".example.com"
    settings.ALLOWED_HOSTS = [".example.com"]
    response = _sign_in(client, "news.example.com")
    assert response.cookies["sessionid"]["domain"] == ".example.com"


def test_session_cookie_is_host_only_for_hosts_outside_the_network(client, settings, home_page):
    settings.SESSION_COOKIE_DOMAIN = ".example.com"
    settings.ALLOWED_HOSTS = [".example.com", "127.0.0.1"]
    response = _sign_in(client, "127.0.0.1")
    assert response.cookies["sessionid"]["domain"] == ""
