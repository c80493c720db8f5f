import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from newsdesk.newsletters import tokens
from newsdesk.newsletters.models import Subscriber, Subscription
from newsdesk.newsletters.tests.conftest import subscribed
from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory

pytestmark = pytest.mark.django_db

LIST = "/newsletters/"


def _token(subscriber, purpose):
    return tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=purpose)


def test_list_page_is_the_same_for_everyone_and_cacheable(
    client, daily, breaking, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert "public" in response["Cache-Control"]
    body = response.content.decode()
    assert "Morning Briefing" in body and "Breaking" in body
    assert "csrfmiddlewaretoken" not in body


def test_list_page_queries_stay_constant_as_newsletters_grow(client, site, daily):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsdesk.newsletters.models import Newsletter

    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(10):
        Newsletter.objects.create(site=site, name=f"Digest {n}", slug=f"d{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).content.decode().count("newsletter-card__name") == 11
    assert len(many) == len(few)


def test_me_json_is_private_and_carries_the_csrf_token(client, daily):
    reader = ReaderFactory(email="reader@example.org")
    subscribed(daily, "reader@example.org", user=reader)
    client.force_login(reader)
    response = client.get(reverse("newsletters:me"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["csrf_token"] and data["signed_in"] and data["subscribed"] == [daily.pk]


def test_subscribe_post_needs_csrf(daily):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("newsletters:subscribe"), {"email": "ann@example.com", "newsletter": daily.pk}
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_subscribe_and_confirm_through_the_pages(client, daily, django_capture_on_commit_callbacks):
    page = client.get(reverse("newsletters:subscribe"), {"newsletter": daily.pk})
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("newsletters:subscribe"), {"email": "ann@example.com", "newsletter": daily.pk}
        )
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    # The link is on the site's own address (its Site row), not the Host the form came by.
    assert "testserver" not in mail.outbox[0].body
    link = mail.outbox[0].body.split("http://localhost")[1].split()[0]
    assert client.get(link).status_code == 200  # a page with a button: scanners confirm nothing
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(link).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_subscribe_is_rate_limited(client, daily, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "newsletter_subscribe": "2/m/ip",
    }
    for n in range(2):
        client.post(
            reverse("newsletters:subscribe"), {"email": f"a{n}@example.com", "newsletter": daily.pk}
        )
    response = client.post(
        reverse("newsletters:subscribe"), {"email": "a3@example.com", "newsletter": daily.pk}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert not Subscriber.objects.filter(email="a3@example.com").exists()


def test_bad_address_is_told_and_nothing_stored(client, daily):
    response = client.post(
        reverse("newsletters:subscribe"), {"email": "nope", "newsletter": daily.pk}
    )
    assert response.status_code == 400
    assert "valid email" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_post_needs_no_cookie_or_csrf(daily):
    subscriber = subscribed(daily, "ann@example.com")
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletters:unsubscribe", args=[_token(subscriber, tokens.UNSUBSCRIBE)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not response.cookies


def test_unsubscribe_get_asks_first(client, daily):
    subscriber = subscribed(daily, "ann@example.com")
    url = reverse("newsletters:unsubscribe", args=[_token(subscriber, tokens.UNSUBSCRIBE)])
    response = client.get(url)
    assert response.status_code == 200
    assert f'action="{url}"' in response.content.decode()
    assert Subscription.objects.exists()


def test_unsubscribe_with_a_forged_or_other_token_is_not_found(client, daily):
    subscriber = subscribed(daily, "ann@example.com")
    for token in ("1:forged", _token(subscriber, tokens.MANAGE)):
        assert client.post(reverse("newsletters:unsubscribe", args=[token])).status_code == 404
    assert Subscription.objects.exists()


def test_manage_link_changes_every_subscription(client, daily, breaking):
    subscriber = subscribed(daily, "ann@example.com")
    url = reverse("newsletters:manage_token", args=[_token(subscriber, tokens.MANAGE)])
    page = client.get(url)
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    client.post(url, {"newsletter": [breaking.pk]})
    assert list(subscriber.subscriptions.values_list("newsletter_id", flat=True)) == [breaking.pk]


def test_signed_in_reader_manages_without_a_link(client, daily):
    reader = ReaderFactory(email="reader@example.org")
    client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})
    client.post(reverse("newsletters:manage"), {"newsletter": [daily.pk]})
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.user == reader
    assert subscriber.subscriptions.get().confirmed_at is not None


def test_manage_without_sign_in_or_link_asks_to_sign_in(client):
    response = client.get(reverse("newsletters:manage"))
    assert response.status_code == 200
    assert "/accounts/login/" in response.content.decode()


POSTMARK_HARD_BOUNCE = {
    "RecordType": "Bounce",
    "MessageStream": "outbound",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "TypeCode": 1,
    "Name": "Hard bounce",
    "Tag": "newsletter",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "ServerID": 23,
    "Description": (
        "The server was unable to deliver your message (ex: unknown user, mailbox not found)."
    ),
    "Details": "Test bounce details",
    "Email": "gone@example.com",
    "From": "noreply@example.com",
    "BouncedAt": "2026-12-01T10:00:00Z",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "Morning Briefing",
    "Content": "",
    "Metadata": {},
}
POSTMARK_SOFT_BOUNCE = {
    **POSTMARK_HARD_BOUNCE,
    "Type": "SoftBounce",
    "TypeCode": 4096,
    "Inactive": False,
    "Email": "full@example.com",
}
POSTMARK_COMPLAINT = {
    "RecordType": "SpamComplaint",
    "MessageStream": "outbound",
    "ID": 42,
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "Tag": "",
    "MessageID": "00000000-0000-0000-0000-000000000000",
    "ServerID": 1234,
    "Description": "",
    "Details": "Test spam complaint details",
    "Email": "angry@example.com",
    "From": "noreply@example.com",
    "BouncedAt": "2026-12-01T10:00:00Z",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": False,
    "Subject": "Morning Briefing",
}


@pytest.fixture
def webhook(settings):
    settings.NEWSLETTERS_WEBHOOK_TOKEN = "hook-secret"
    return reverse("newsletters:postmark_webhook", args=["hook-secret"])


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (POSTMARK_HARD_BOUNCE, Subscriber.Status.BOUNCED),
        (POSTMARK_COMPLAINT, Subscriber.Status.COMPLAINED),
        (POSTMARK_SOFT_BOUNCE, Subscriber.Status.ACTIVE),
    ],
)
def test_postmark_webhook_records_bounces_and_complaints(daily, webhook, payload, status):
    subscriber = subscribed(daily, payload["Email"])
    client = Client(enforce_csrf_checks=True)
    response = client.post(webhook, json.dumps(payload), content_type="application/json")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == status


def test_postmark_webhook_needs_its_token(client, daily, webhook):
    subscriber = subscribed(daily, "gone@example.com")
    wrong = reverse("newsletters:postmark_webhook", args=["guess"])
    response = client.post(wrong, json.dumps(POSTMARK_HARD_BOUNCE), content_type="application/json")
    assert response.status_code == 404
    assert client.post(webhook, "{not json", content_type="application/json").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
