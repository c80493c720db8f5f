from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.sanctions.models import Sanction
from newsdesk.sanctions.selectors import sanction_active_for, sanctions_in_force, user_may_post
from newsdesk.sanctions.services import ALREADY_REVOKED, sanction_create, sanction_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def other_site(home_page):
    return Site.objects.create(hostname="sport.localhost", port=80, root_page=home_page)


def test_a_warning_does_not_stop_posting(site):
    reader = reader_factory()
    sanction_create(user=reader, kind=Sanction.Kind.WARNING, reason="Tone it down.")
    assert user_may_post(user=reader, site=site)


def test_a_timeout_stops_posting_until_it_ends(site):
    reader = reader_factory()
    timeout = sanction_create(
        user=reader, kind=Sanction.Kind.TIMEOUT, reason="Cool off.", duration=timedelta(hours=24)
    )
    assert sanction_active_for(user=reader, site=site) == timeout
    Sanction.objects.filter(pk=timeout.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert user_may_post(user=reader, site=site)


def test_a_site_ban_applies_to_that_site_only(site, other_site):
    reader = reader_factory()
    sanction_create(user=reader, kind=Sanction.Kind.SITE_BAN, reason="Spam.", site=other_site)
    assert user_may_post(user=reader, site=site)
    assert not user_may_post(user=reader, site=other_site)


def test_a_network_ban_applies_everywhere_until_revoked(site, other_site):
    reader = reader_factory()
    ban = sanction_create(user=reader, kind=Sanction.Kind.NETWORK_BAN, reason="Threats.")
    assert not user_may_post(user=reader, site=site)
    assert not user_may_post(user=reader, site=other_site)
    sanction_revoke(sanction=ban)
    assert user_may_post(user=reader, site=site)
    with pytest.raises(ValueError, match=str(ALREADY_REVOKED)):
        sanction_revoke(sanction=ban)


def test_a_ban_outlasts_a_timeout_when_both_apply(site):
    reader = reader_factory()
    sanction_create(
        user=reader, kind=Sanction.Kind.TIMEOUT, reason="Pause.", duration=timedelta(hours=1)
    )
    ban = sanction_create(user=reader, kind=Sanction.Kind.NETWORK_BAN, reason="Threats.")
    assert sanction_active_for(user=reader, site=site) == ban


def test_a_sanction_needs_a_reason_and_a_site_ban_needs_its_site():
    reader = reader_factory()
    with pytest.raises(ValidationError):
        sanction_create(user=reader, kind=Sanction.Kind.WARNING, reason="  ")
    with pytest.raises(ValidationError):
        sanction_create(user=reader, kind=Sanction.Kind.SITE_BAN, reason="Spam.")
    assert not Sanction.objects.exists()


def test_sanctions_in_force_leave_out_the_revoked_and_the_ended():
    reader = reader_factory()
    now = timezone.now()
    warning = sanction_create(user=reader, kind=Sanction.Kind.WARNING, reason="Tone it down.")
    running = sanction_create(
        user=reader, kind=Sanction.Kind.TIMEOUT, reason="Cool off.", duration=timedelta(hours=1)
    )
    ended = sanction_create(
        user=reader, kind=Sanction.Kind.TIMEOUT, reason="Cool off.", duration=timedelta(hours=1)
    )
    Sanction.objects.filter(pk=ended.pk).update(ends_at=now - timedelta(seconds=1))
    revoked = sanction_create(user=reader, kind=Sanction.Kind.NETWORK_BAN, reason="Spam.")
    sanction_revoke(sanction=revoked)
    assert set(sanctions_in_force(now=now)) == {warning, running}
    # At a later moment the timeout has ended too.
    assert set(sanctions_in_force(now=now + timedelta(hours=2))) == {warning}
