"""Security row 12: a script POSTing the beacons in a loop cannot inflate the counters."""

import pytest

from newsdesk.analytics.models import ReadEvent
from newsdesk.articles.tests.factories import article_factory
from newsdesk.contributions.models import PublishedContribution
from newsdesk.contributions.tests.factories import approve, editor, reader, sent_story
from newsdesk.core.beacons import BEACON_RATE_LIMITED
from newsdesk.profiles.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def generous(settings):
    """A budget the loops below stay inside, so what they test is the daily dedupe."""
    settings.NEWSDESK_BEACON_RATE = "1000/m"


def test_one_client_posting_the_read_beacon_300_times_counts_once(client, section, generous):
    article = article_factory(section=section)
    for _ in range(300):
        assert client.post("/analytics/read/", {"page": article.pk}).status_code == 204
    assert ReadEvent.objects.filter(article_id=article.pk).count() == 1


def test_different_clients_each_count(client, section, generous):
    article = article_factory(section=section)
    for address in ("198.51.100.1", "198.51.100.2", "2001:db8:1::1"):
        client.post("/analytics/read/", {"page": article.pk}, REMOTE_ADDR=address)
    # Another address in the same IPv6 /64 is the same client.
    client.post("/analytics/read/", {"page": article.pk}, REMOTE_ADDR="2001:db8:1::99")
    assert ReadEvent.objects.filter(article_id=article.pk).count() == 3


def test_a_signed_in_reader_counts_once_from_any_address(client, section, generous):
    article = article_factory(section=section)
    client.force_login(ReaderFactory())
    for address in ("198.51.100.1", "198.51.100.2"):
        client.post("/analytics/read/", {"page": article.pk}, REMOTE_ADDR=address)
    assert ReadEvent.objects.count() == 1


def test_a_refused_beacon_does_not_use_up_the_readers_count(client, section, generous):
    draft = article_factory(section=section, publish=False)
    assert client.post("/analytics/read/", {"page": draft.pk}).status_code == 400
    draft.save_revision().publish()
    assert client.post("/analytics/read/", {"page": draft.pk}).status_code == 204
    assert ReadEvent.objects.count() == 1


def test_the_read_beacon_is_rate_limited_per_client(client, section, settings):
    settings.NEWSDESK_BEACON_RATE = "5/m"
    articles = [article_factory(section=section) for _ in range(6)]
    answers = [client.post("/analytics/read/", {"page": a.pk}).status_code for a in articles]
    assert answers == [204] * 5 + [429]
    refused = client.post("/analytics/read/", {"page": articles[0].pk})
    assert refused["Retry-After"] == "60"
    assert refused.content.decode() == BEACON_RATE_LIMITED
    assert ReadEvent.objects.count() == 5
    # Another client still has its own budget.
    other = client.post("/analytics/read/", {"page": articles[5].pk}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 204


def test_the_contribution_view_beacon_counts_once_per_client_and_is_rate_limited(
    client, home_page, settings
):
    settings.NEWSDESK_BEACON_RATE = "50/m"
    approve(sent_story(reader()), editor())
    publication = PublishedContribution.objects.get()
    answers = {client.post(f"/contribute/viewed/{publication.pk}/").status_code for _ in range(60)}
    assert answers == {204, 429}
    publication.refresh_from_db()
    assert publication.views == 1
