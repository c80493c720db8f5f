import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from newsdesk.newsletters.models import Delivery, Issue
from newsdesk.newsletters.tests.conftest import subscribed

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser(
        username="chief", email="chief@example.org", password="x"
    )
    client.force_login(user)
    return client


def test_desk_lists_newsletters_and_issue_progress(editor_client, daily, stories):
    subscribed(daily, "ann@example.com")
    editor_client.post(f"/admin/newsletter-desk/{daily.pk}/send/")
    body = editor_client.get("/admin/newsletter-desk/").content.decode()
    assert "Morning Briefing" in body
    assert "1 / 1" in body  # sent at once by the test's in-process task backend


def test_preview_shows_the_next_issue_html_and_text(editor_client, daily, stories):
    html = editor_client.get(f"/admin/newsletter-desk/{daily.pk}/preview/").content.decode()
    assert "<table" in html and "Story 1" in html
    text = editor_client.get(f"/admin/newsletter-desk/{daily.pk}/preview/?format=text")
    assert "Story 1" in text.content.decode() and "<table" not in text.content.decode()


def test_send_test_goes_to_the_editor_only_and_records_nothing(editor_client, daily, stories):
    subscribed(daily, "ann@example.com")
    editor_client.post(f"/admin/newsletter-desk/{daily.pk}/test/")
    assert [m.to for m in mail.outbox] == [["chief@example.org"]]
    assert mail.outbox[0].subject.startswith("[TEST] ")
    assert not Issue.objects.exists()


def test_breaking_alert_asks_first_then_sends(editor_client, breaking, stories):
    subscribed(breaking, "ann@example.com")
    article = stories[0]
    url = f"/admin/newsletter-desk/alert/{article.pk}/"
    page = editor_client.get(url)
    assert "Yes, send the alert" in page.content.decode()
    assert not Issue.objects.exists()
    editor_client.post(url, {"newsletter": [breaking.pk]})
    issue = Issue.objects.get()
    assert issue.article_id == article.pk and issue.subject.startswith("Breaking: ")
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert mail.outbox[0].to == ["ann@example.com"]


def test_article_edit_page_offers_the_alert_button(editor_client, breaking, stories):
    body = editor_client.get(f"/admin/pages/{stories[0].pk}/edit/").content.decode()
    assert f"/admin/newsletter-desk/alert/{stories[0].pk}/" in body


def test_readers_cannot_reach_the_desk(client, daily):
    from newsdesk.profiles.tests.factories import ReaderFactory

    client.force_login(ReaderFactory())
    assert client.get("/admin/newsletter-desk/").status_code in (302, 403)
    assert client.post(f"/admin/newsletter-desk/{daily.pk}/send/").status_code in (302, 403)


def test_a_double_posted_breaking_alert_goes_out_once(editor_client, breaking, stories):
    subscribed(breaking, "ann@example.com")
    url = f"/admin/newsletter-desk/alert/{stories[0].pk}/"
    editor_client.post(url, {"newsletter": [breaking.pk]})
    response = editor_client.post(url, {"newsletter": [breaking.pk]}, follow=True)
    assert "already gone to: Breaking" in response.content.decode()
    assert Issue.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    # Another article is another alert.
    editor_client.post(
        f"/admin/newsletter-desk/alert/{stories[1].pk}/", {"newsletter": [breaking.pk]}
    )
    assert Issue.objects.count() == 2


def test_the_same_article_cannot_be_queued_twice_as_an_alert(breaking, stories):
    from newsdesk.newsletters import rendering, sending

    rendered = rendering.alert_render(newsletter=breaking, article=stories[0])
    assert sending.issue_queue(newsletter=breaking, rendered=rendered, article=stories[0])
    assert sending.issue_queue(newsletter=breaking, rendered=rendered, article=stories[0]) is None


def test_a_double_posted_send_now_queues_one_issue(editor_client, daily, stories):
    subscribed(daily, "ann@example.com")
    editor_client.post(f"/admin/newsletter-desk/{daily.pk}/send/")
    response = editor_client.post(f"/admin/newsletter-desk/{daily.pk}/send/", follow=True)
    assert "not queued again" in response.content.decode()
    assert Issue.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["ann@example.com"]]
    # A minute later it is a new issue on purpose.
    Issue.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    editor_client.post(f"/admin/newsletter-desk/{daily.pk}/send/")
    assert Issue.objects.count() == 2
