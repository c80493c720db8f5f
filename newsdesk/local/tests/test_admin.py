from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from newsdesk.local.models import TrafficAlert
from newsdesk.local.tests.factories import alert_factory, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    user = get_user_model().objects.create_superuser(username="chief", password="x-secret-1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["trafficalert", "listing", "trafficfeed", "place"])
def test_editors_find_local_snippets_in_the_admin(admin_client, model):
    response = admin_client.get(f"/admin/snippets/local/{model}/")
    assert response.status_code == 200
    assert admin_client.get(f"/admin/snippets/local/{model}/add/").status_code == 200


def test_an_editor_posts_an_alert_that_readers_then_see(admin_client, client):
    now = timezone.localtime()
    response = admin_client.post(
        "/admin/snippets/local/trafficalert/add/",
        {
            "region": place("pretoria").pk,
            "severity": "severe",
            "headline": "Hans Strijdom Drive closed",
            "details": "Water main burst.",
            "starts_at": (now - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M"),
            "expires_at": (now + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
            "source_url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrafficAlert.objects.get().headline == "Hans Strijdom Drive closed"
    alert_factory(region=place("durban"))
    admin_client.logout()
    client.post("/location/", {"traffic": "pretoria"})
    assert "Hans Strijdom Drive closed" in client.get("/local/components/traffic/").content.decode()


def test_the_alert_list_shows_expired_alerts_to_editors(admin_client):
    alert_factory(region=place("durban"), headline="Old crash", hours_ago=5, hours_left=-2)
    assert "Old crash" in admin_client.get("/admin/snippets/local/trafficalert/").content.decode()
