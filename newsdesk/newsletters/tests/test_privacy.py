import json

import pytest

from newsdesk.accounts.export import account_export
from newsdesk.accounts.services import account_delete
from newsdesk.newsletters.models import Delivery, Subscriber, Subscription
from newsdesk.newsletters.rendering import issue_render
from newsdesk.newsletters.sending import issue_queue, issue_send
from newsdesk.newsletters.tests.conftest import subscribed
from newsdesk.profiles.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_with_mail(daily, stories):
    reader = ReaderFactory(email="reader@example.org")
    subscribed(daily, "reader@example.org", user=reader)
    issue_send(issue_id=issue_queue(newsletter=daily, rendered=issue_render(newsletter=daily)).pk)
    return reader


def test_export_holds_the_readers_subscriptions_and_mail_log(reader_with_mail, daily):
    data = json.loads(json.dumps(account_export(user=reader_with_mail), default=str))
    [entry] = data["newsletter_subscriptions"]
    assert entry["email"] == "reader@example.org"
    assert entry["newsletters"][0]["newsletter"] == "Morning Briefing"
    assert entry["newsletters"][0]["confirmed_at"]
    assert entry["mail_sent"][0]["status"] == "sent"


def test_account_deletion_erases_subscriber_subscriptions_and_deliveries(reader_with_mail, daily):
    other = subscribed(daily, "someone.else@example.org")
    account_delete(user=reader_with_mail)
    assert list(Subscriber.objects.all()) == [other]
    assert Subscription.objects.get().subscriber == other
    assert not Delivery.objects.filter(subscriber__email="reader@example.org").exists()
