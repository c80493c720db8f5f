"""Security row 3: a comment follows its article's site, never the Host the request names.

A reader banned on News, or a banned word set on News, must hold on a News article
whichever host the request comes through (``Host: sport.localhost`` included).
"""

import pytest
from wagtail.models import Site

from newsdesk.discussions import policy, services
from newsdesk.discussions.models import Comment, DiscussionSettings
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.sanctions.models import Sanction
from newsdesk.sections.tests.factories import news_site

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}
SPORT = "sport.localhost"


@pytest.fixture
def sport(rules):
    site = news_site(hostname=SPORT, default=False)
    sport_rules = DiscussionSettings.for_site(site)
    sport_rules.rate_limit_per_minute = 100
    sport_rules.new_account_rate_limit_per_minute = 100
    sport_rules.save()
    return site


def _ban_on(site: Site, reader):
    return Sanction.objects.create(
        user=reader, kind=Sanction.Kind.SITE_BAN, site=site, reason="Abuse of other readers"
    )


def test_a_reader_banned_on_news_cannot_post_on_a_news_article_through_the_sport_host(
    client, article, site, sport
):
    reader = reader_factory()
    _ban_on(site, reader)
    client.force_login(reader)
    response = client.post(
        f"/comments/{article.pk}/post/", {"body": "Let me in anyway."}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 403
    assert response.json()["message"] == services.SANCTIONED.format(reason="Abuse of other readers")
    assert not Comment.objects.exists()


def test_me_tells_a_banned_reader_on_the_sport_host_that_they_may_not_post(
    client, article, site, sport
):
    reader = reader_factory()
    _ban_on(site, reader)
    client.force_login(reader)
    data = client.get(f"/comments/{article.pk}/me.json", HTTP_HOST=SPORT).json()
    assert data["may_post"] is False


def test_a_ban_on_sport_does_not_stop_posting_on_news_through_the_sport_host(
    client, article, sport
):
    reader = reader_factory()
    _ban_on(sport, reader)
    client.force_login(reader)
    response = client.post(
        f"/comments/{article.pk}/post/", {"body": "Fine on News."}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 201


def test_news_banned_words_hold_on_a_news_article_through_the_sport_host(
    client, article, rules, sport
):
    rules.banned_words = "frobnicate"
    rules.save()
    client.force_login(reader_factory())
    response = client.post(
        f"/comments/{article.pk}/post/", {"body": "Frobnicate them all"}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 400
    assert response.json()["message"] == policy.REFUSED_BANNED_WORDS
    assert not Comment.objects.exists()


def test_an_edit_through_the_sport_host_is_checked_by_the_news_policy(
    client, article, rules, sport
):
    rules.banned_words = "frobnicate"
    rules.save()
    reader = reader_factory()
    comment = comment_factory(article=article, author=reader, body="Fine words.")
    client.force_login(reader)
    response = client.post(
        f"/comments/c/{comment.pk}/edit/", {"body": "Frobnicate"}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "Fine words."


def test_reports_hold_a_comment_at_its_article_sites_threshold(client, article, rules, sport):
    rules.hold_after_reports = 1
    rules.save()
    sport_rules = DiscussionSettings.for_site(sport)
    sport_rules.hold_after_reports = 5
    sport_rules.save()
    comment = comment_factory(article=article, author=reader_factory())
    client.force_login(reader_factory())
    response = client.post(
        f"/comments/c/{comment.pk}/report/", {"reason": "spam"}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 201
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_closed_news_discussion_stays_closed_through_the_sport_host(
    client, article, rules, sport
):
    rules.close_after_days = 1
    rules.save()
    type(article).objects.filter(pk=article.pk).update(
        first_published_at=article.first_published_at.replace(year=2020)
    )
    client.force_login(reader_factory())
    response = client.post(
        f"/comments/{article.pk}/post/", {"body": "Too late?"}, HTTP_HOST=SPORT, **JSON
    )
    assert response.status_code == 403
    assert response.json()["message"] == services.CLOSED
