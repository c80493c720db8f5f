"""Issue #13 follow-up: a sanctioned reader cannot send stories or pictures.

A timeout or a network ban stops contributions everywhere; a site ban stops them on
that site. Contributions are published on the default site, so its ban holds whichever
host the form is sent through. The reader is told why, and nothing is stored.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from newsdesk.contributions import services
from newsdesk.contributions.models import Submission
from newsdesk.contributions.tests.factories import reader, story_text, upload
from newsdesk.images.models import CustomImage
from newsdesk.sanctions.models import Sanction
from newsdesk.sections.tests.factories import news_site

pytestmark = pytest.mark.django_db
SPORT = "sport.localhost"
REASON = "Repeated abuse of other readers"


@pytest.fixture
def news(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def sport(news):
    return news_site(hostname=SPORT, default=False)


@pytest.fixture
def contributor(client):
    profile = reader()
    client.force_login(profile.user)
    return profile


def _sanction(profile, *, kind, site=None, duration=None):
    return Sanction.objects.create(
        user=profile.user,
        kind=kind,
        site=site,
        reason=REASON,
        ends_at=timezone.now() + duration if duration else None,
    )


def _story(**extra):
    return {
        "title": "Flood in Hammarsdale",
        "body": story_text(250),
        "place": "Hammarsdale",
        "action": "send",
        "rights_confirmed": "on",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
        "photos-0-file": upload(),
        "photos-0-caption": "Water over the bridge",
        **extra,
    }


def _pictures():
    return {
        "title": "Storm over the bay",
        "rights_confirmed": "on",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
        "photos-0-file": upload(),
        "photos-0-caption": "Lightning over the harbour",
    }


def _media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _assert_nothing_stored(settings):
    assert not Submission.objects.exists()
    assert not CustomImage.objects.exists()
    assert _media_files(settings) == []


def test_a_reader_banned_on_the_site_cannot_send_a_story(client, news, contributor, settings):
    _sanction(contributor, kind=Sanction.Kind.SITE_BAN, site=news)
    response = client.post("/contribute/story/", _story())
    assert response.status_code == 200
    assert services.SANCTIONED.format(reason=REASON) in response.content.decode()
    _assert_nothing_stored(settings)


def test_a_reader_banned_on_news_cannot_send_pictures_through_the_sport_host(
    client, news, sport, contributor, settings
):
    # News is the default site, where contributions are published.
    _sanction(contributor, kind=Sanction.Kind.SITE_BAN, site=news)
    response = client.post("/contribute/pictures/", _pictures(), HTTP_HOST=SPORT)
    assert response.status_code == 200
    assert services.SANCTIONED.format(reason=REASON) in response.content.decode()
    _assert_nothing_stored(settings)


def test_a_ban_on_sport_holds_on_sport_but_not_on_news(client, news, sport, contributor):
    _sanction(contributor, kind=Sanction.Kind.SITE_BAN, site=sport)
    response = client.post("/contribute/story/", _story(), HTTP_HOST=SPORT)
    assert services.SANCTIONED.format(reason=REASON) in response.content.decode()
    assert not Submission.objects.exists()
    assert client.post("/contribute/story/", _story()).status_code == 302
    assert Submission.objects.get().submitted_at is not None


def test_a_network_ban_stops_pictures_and_even_drafts(client, news, contributor, settings):
    _sanction(contributor, kind=Sanction.Kind.NETWORK_BAN)
    response = client.post("/contribute/pictures/", _pictures())
    assert services.SANCTIONED.format(reason=REASON) in response.content.decode()
    response = client.post("/contribute/story/", _story(action="draft"))
    assert services.SANCTIONED.format(reason=REASON) in response.content.decode()
    _assert_nothing_stored(settings)


def test_a_timeout_names_its_end_and_lapses(client, news, contributor, settings):
    sanction = _sanction(contributor, kind=Sanction.Kind.TIMEOUT, duration=timedelta(hours=2))
    until = timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
    response = client.post("/contribute/story/", _story())
    assert services.SANCTIONED_UNTIL.format(until=until, reason=REASON) in (
        response.content.decode()
    )
    _assert_nothing_stored(settings)
    Sanction.objects.filter(pk=sanction.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert client.post("/contribute/story/", _story()).status_code == 302


def test_a_revoked_ban_no_longer_stops_the_reader(client, news, contributor):
    _sanction(contributor, kind=Sanction.Kind.NETWORK_BAN)
    Sanction.objects.update(revoked_at=timezone.now())
    assert client.post("/contribute/story/", _story()).status_code == 302


def test_the_service_refuses_a_banned_reader_whatever_site_it_is_given(news, contributor):
    _sanction(contributor, kind=Sanction.Kind.SITE_BAN, site=news)
    with pytest.raises(ValidationError, match=REASON):
        services.submission_save(
            contributor=contributor, kind="story", title="Mine", body="x", site=None
        )
    assert not Submission.objects.exists()
