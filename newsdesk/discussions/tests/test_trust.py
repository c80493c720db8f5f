"""Trust levels at their thresholds, both ways, and what the policy does with them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.discussions import services
from newsdesk.discussions.models import Comment, CommenterSettings, DiscussionSettings
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.discussions.trust import TrustLevel, trust_level_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def thresholds(rules):
    rules.new_account_days = 7
    rules.trusted_after_approved = 3
    rules.trusted_clean_days = 30
    rules.offender_rejections = 2
    rules.offender_days = 14
    rules.save()
    return rules


def approved(article, author, n):
    for i in range(n):
        comment_factory(article=article, author=author, body=f"approved {i}")


def rejected(article, author, n, *, days_ago: float = 1):
    at = timezone.now() - timedelta(days=days_ago)
    for i in range(n):
        comment_factory(
            article=article,
            author=author,
            body=f"rejected {i} {days_ago}",
            status=Comment.Status.REJECTED,
            rejection_reason="spam",
            created_at=at,
            moderated_at=at,
        )


def test_a_new_account_is_trusted_at_n_approved_comments_not_before(article, site, thresholds):
    newcomer = reader_factory(days_old=1)
    approved(article, newcomer, 2)
    assert trust_level_for(newcomer, site) == TrustLevel.NEW
    approved(article, newcomer, 1)
    assert trust_level_for(newcomer, site) == TrustLevel.TRUSTED


def test_a_recent_rejection_withholds_trust_and_an_old_one_does_not(article, site, thresholds):
    recent, long_ago = reader_factory(days_old=1), reader_factory(days_old=1)
    for reader, days_ago in ((recent, 29), (long_ago, 31)):
        approved(article, reader, 3)
        rejected(article, reader, 1, days_ago=days_ago)
    assert trust_level_for(recent, site) == TrustLevel.NEW
    assert trust_level_for(long_ago, site) == TrustLevel.TRUSTED


def test_k_rejections_in_d_days_make_a_repeat_offender_and_k_minus_1_do_not(
    article, site, thresholds
):
    reader = reader_factory(days_old=400)
    approved(article, reader, 10)
    rejected(article, reader, 1, days_ago=2)
    rejected(article, reader, 1, days_ago=15)  # outside the 14-day window
    assert trust_level_for(reader, site) == TrustLevel.REGULAR
    rejected(article, reader, 1, days_ago=13)
    assert trust_level_for(reader, site) == TrustLevel.OFFENDER


def test_an_old_account_without_the_record_is_regular_and_pre_moderation_wins(
    article, site, thresholds
):
    reader = reader_factory(days_old=400)
    assert trust_level_for(reader, site) == TrustLevel.REGULAR
    approved(article, reader, 3)
    assert trust_level_for(reader, site) == TrustLevel.TRUSTED
    CommenterSettings.objects.create(user=reader, premoderated=True)
    assert trust_level_for(reader, site) == TrustLevel.PREMODERATED


def test_zero_switches_the_thresholds_off(article, site, thresholds):
    thresholds.trusted_after_approved = 0
    thresholds.offender_rejections = 0
    thresholds.save()
    newcomer = reader_factory(days_old=1)
    rejected(article, newcomer, 5, days_ago=40)
    assert trust_level_for(newcomer, site, settings=thresholds) == TrustLevel.TRUSTED


def test_a_trusted_new_account_is_published_and_a_repeat_offender_is_held(
    article, site, thresholds
):
    trusted = reader_factory(days_old=1)
    approved(article, trusted, 3)
    comment, _ = services.comment_post(author=trusted, article=article, body="Good point.")
    assert comment.status == Comment.Status.PUBLISHED

    offender = reader_factory(days_old=400)
    rejected(article, offender, 2)
    comment, _ = services.comment_post(author=offender, article=article, body="Again.")
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["repeat_offender"]
    assert comment.reason_labels == ["The reader had several comments rejected recently"]


def test_the_thresholds_are_site_settings_with_defaults_and_help():
    fields = {f.name: f for f in DiscussionSettings._meta.get_fields()}
    for name, default in (
        ("trusted_after_approved", 1),
        ("trusted_clean_days", 30),
        ("offender_rejections", 3),
        ("offender_days", 30),
    ):
        assert fields[name].default == default and fields[name].help_text
