"""Security row 11: no ``next`` parameter sends a browser off the site."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory

from newsdesk.articles.tests.factories import article_factory
from newsdesk.core.redirects import next_url_safe
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.editorial.roles import MODERATORS
from newsdesk.profiles.tests.factories import ReaderFactory

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " https://evil.example",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_next_off_the_site_falls_back_to_the_default(target):
    request = RequestFactory().post("/x/", {"next": target})
    assert next_url_safe(request, default="/home/") == "/home/"


def test_next_on_the_site_is_kept():
    request = RequestFactory().post("/x/", {"next": "/world/story/?a=1"})
    assert next_url_safe(request, default="/home/") == "/world/story/?a=1"
    request = RequestFactory().get("/x/", {"next": "http://testserver/ok/"})
    assert next_url_safe(request, default="/") == "http://testserver/ok/"


@pytest.mark.django_db
def test_discussion_settings_in_the_admin_do_not_redirect_off_site(client, section):
    article = article_factory(section=section, title="Closing time")
    moderator = reader_factory(username="mo")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    url = f"/admin/comments/articles/{article.pk}/"
    response = client.post(url, {"closed": "on", "next": "https://evil.example/phish"})
    assert response.status_code == 302
    assert response["Location"] == url
    shown = client.get(url, {"next": "https://evil.example/phish"}).content.decode()
    assert "evil.example" not in shown


@pytest.mark.django_db
def test_profile_creation_does_not_redirect_off_site(client):
    client.force_login(ReaderFactory())
    response = client.post(
        "/people/create/",
        {"username": "lindiwe", "display_name": "L", "confirm": "on", "next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_a_next_that_is_neither_a_path_nor_a_url_falls_back_to_the_default(rf):
    """``?next=0`` reached ``redirect()`` as a view name and raised (found by the no-500 pass)."""
    for value in ("0", "profiles:edit", "javascript:alert(1)", "//evil.example/"):
        assert next_url_safe(rf.get("/", {"next": value}), default="/home/") == "/home/"
