import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from newsdesk.newsletters import tokens
from newsdesk.newsletters.models import Subscriber, Subscription
from newsdesk.newsletters.services import (
    ADDRESS_INVALID,
    ADDRESS_REFUSED,
    CONFIRM_LINK_INVALID,
    NO_NEWSLETTER_CHOSEN,
    subscribe,
    subscription_confirm,
    subscriptions_set,
    unsubscribe_all,
)
from newsdesk.profiles.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db(transaction=False)
BASE = "http://localhost"


def _confirm_token_from_mail() -> str:
    body = mail.outbox[-1].body
    return body.split("/newsletters/confirm/")[1].split("/")[0]


def test_email_only_subscriber_gets_a_confirmation_mail_and_nothing_until_confirmed(
    daily, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        direct = subscribe(
            email="Ann@Example.COM", newsletter_ids=[daily.pk], site=site, base_url=BASE
        )
    assert direct is False
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.subscriber.email == "Ann@example.com"
    assert mail.outbox[0].to == ["Ann@example.com"]
    assert "/newsletters/confirm/" in mail.outbox[0].body

    subscription_confirm(token=_confirm_token_from_mail())
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_confirm_link_expires(
    daily, site, django_capture_on_commit_callbacks, settings, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(email="ann@example.com", newsletter_ids=[daily.pk], site=site, base_url=BASE)
    token = _confirm_token_from_mail()
    later = time.time() + settings.NEWSLETTERS_CONFIRM_MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(ValidationError, match=str(CONFIRM_LINK_INVALID)):
        subscription_confirm(token=token)
    assert Subscription.objects.get().confirmed_at is None


def test_confirm_link_cannot_be_altered_or_reused_for_another_purpose(daily, site):
    subscriber = Subscriber.objects.create(email="ann@example.com")
    Subscription.objects.create(subscriber=subscriber, newsletter=daily)
    token = tokens.confirm_token(subscriber_id=subscriber.pk, newsletter_ids=[daily.pk])
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    manage = tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=tokens.MANAGE)
    for bad in (tampered, manage, "nonsense"):
        with pytest.raises(ValidationError, match=str(CONFIRM_LINK_INVALID)):
            subscription_confirm(token=bad)
    with pytest.raises(tokens.TokenInvalid):
        tokens.subscriber_token_read(manage, purpose=tokens.UNSUBSCRIBE)
    assert Subscription.objects.get().confirmed_at is None


def test_token_salt_depends_on_the_secret_key(daily, settings):
    token = tokens.subscriber_token(subscriber_id=7, purpose=tokens.UNSUBSCRIBE)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    with pytest.raises(tokens.TokenInvalid):
        tokens.subscriber_token_read(token, purpose=tokens.UNSUBSCRIBE)


def test_signed_in_reader_with_verified_email_is_subscribed_at_once(daily, site):
    reader = ReaderFactory(email="reader@example.org")
    assert subscribe(
        email="reader@example.org", newsletter_ids=[daily.pk], site=site, user=reader, base_url=BASE
    )
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.subscriber.user == reader
    assert mail.outbox == []


def test_signed_in_reader_subscribing_another_address_confirms_it_by_mail(
    daily, site, django_capture_on_commit_callbacks
):
    reader = ReaderFactory(email="reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        direct = subscribe(
            email="other@example.org",
            newsletter_ids=[daily.pk],
            site=site,
            user=reader,
            base_url=BASE,
        )
    assert direct is False
    assert Subscription.objects.get().confirmed_at is None
    assert mail.outbox[0].to == ["other@example.org"]


@pytest.mark.parametrize(
    ("email", "ids", "message"),
    [("not-an-address", True, ADDRESS_INVALID), ("ann@example.com", False, NO_NEWSLETTER_CHOSEN)],
)
def test_bad_input_changes_nothing(daily, site, email, ids, message):
    with pytest.raises(ValidationError, match=str(message)):
        subscribe(email=email, newsletter_ids=[daily.pk] if ids else [], site=site, base_url=BASE)
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_bounced_address_cannot_subscribe_again(daily, site):
    Subscriber.objects.create(email="gone@example.com", status=Subscriber.Status.BOUNCED)
    with pytest.raises(ValidationError, match=str(ADDRESS_REFUSED)):
        subscribe(email="gone@example.com", newsletter_ids=[daily.pk], site=site, base_url=BASE)
    assert not Subscription.objects.exists()


def test_unsubscribe_all_leaves_every_newsletter(daily, breaking):
    from newsdesk.newsletters.tests.conftest import subscribed

    subscriber = subscribed(daily, "ann@example.com")
    Subscription.objects.create(subscriber=subscriber, newsletter=breaking)
    assert unsubscribe_all(subscriber=subscriber) == 2
    assert not Subscription.objects.exists()


def test_saving_the_manage_page_keeps_subscriptions_to_paused_newsletters(daily, breaking):
    from newsdesk.newsletters.tests.conftest import subscribed

    subscriber = subscribed(daily, "ann@example.com")
    Subscription.objects.create(subscriber=subscriber, newsletter=breaking)
    breaking.is_active = False  # paused: not on the manage page's form
    breaking.save()
    subscriptions_set(subscriber=subscriber, newsletter_ids=[])
    assert list(subscriber.subscriptions.values_list("newsletter_id", flat=True)) == [breaking.pk]
    # Nor can a posted paused newsletter be joined through the form.
    Subscription.objects.filter(newsletter=breaking).delete()
    subscriptions_set(subscriber=subscriber, newsletter_ids=[daily.pk, breaking.pk])
    assert list(subscriber.subscriptions.values_list("newsletter_id", flat=True)) == [daily.pk]
