"""Branded error pages: the site's masthead and search, phone-sized, without the database."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path

from newsdesk.network import errors
from newsdesk.reliability import views as reliability_views
from newsdesk.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise ValueError("a bug")


urlpatterns = [
    path("test-forbidden/", _forbidden),
    path("test-broken/", _broken),
    *site_urlpatterns,
]
handler404 = "newsdesk.network.errors.page_not_found"
handler403 = "newsdesk.network.errors.permission_denied"
handler500 = "newsdesk.reliability.views.server_error"


def _is_branded(html: str) -> None:
    assert 'class="masthead"' in html and 'role="search"' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "css/site.css" in html and 'href="/"' in html


def test_unknown_url_gets_the_sites_branded_404_with_its_sections(client, section):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    _is_branded(html)
    assert errors.NOT_FOUND_TITLE.replace("'", "&#x27;") in html
    assert 'href="/world/"' in html  # the site's own menu
    assert "<title>We can&#x27;t find that page | News</title>" in html
    assert client.get("/no-such-page/").content == response.content  # same bytes for all


def test_unknown_page_under_a_section_is_the_same_branded_404(client, section):
    response = client.get("/world/no-such-story/")
    assert response.status_code == 404
    _is_branded(response.content.decode())


@pytest.mark.urls(__name__)
def test_forbidden_gets_a_branded_403(client, home_page):
    response = client.get("/test-forbidden/")
    assert response.status_code == 403
    _is_branded(response.content.decode())
    assert "You can&#x27;t open this page" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_the_branded_403(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    _is_branded(html)
    assert "You can&#x27;t open this page" in html
    assert "CSRF" not in html  # Django's page explains tokens and settings to readers


@pytest.mark.urls(__name__)
def test_a_bug_gets_a_branded_500(home_page):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/test-broken/")
    assert response.status_code == 500
    _is_branded(response.content.decode())
    assert "Something went wrong on our side" in response.content.decode()


def test_500_page_renders_without_touching_the_database():
    request = RequestFactory().get("/anything/")
    with CaptureQueriesContext(connection) as queries:
        response = reliability_views.server_error(request)
    assert response.status_code == 500
    assert len(queries) == 0
    _is_branded(response.content.decode())


def test_404_page_still_renders_when_the_database_is_down():
    request = RequestFactory().get("/gone/")
    with mock.patch.object(
        errors.Site, "find_for_request", side_effect=OperationalError("connection refused")
    ):
        response = errors.page_not_found(request)
    assert response.status_code == 404
    html = response.content.decode()
    _is_branded(html)
    assert "| newsdesk</title>" in html and 'class="site-nav"' not in html
