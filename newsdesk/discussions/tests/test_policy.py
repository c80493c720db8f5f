"""Each policy check, and the pipeline failing closed."""

import pytest
from django.core.cache import cache

from newsdesk.discussions import policy
from newsdesk.discussions.models import Comment, CommenterSettings, DiscussionSettings
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(site):
    settings = DiscussionSettings.for_site(site)
    settings.banned_words = "frobnicate\nbad phrase"
    settings.suspect_words = "miracle cure"
    settings.max_links = 2
    settings.rate_limit_per_minute = 3
    settings.new_account_rate_limit_per_minute = 1
    settings.save()
    return settings


def submission(*, author, article, site, rules, text, **extra):
    return policy.Submission(
        author=author, article=article, site=site, text=text, settings=rules, **extra
    )


def test_clean_comment_from_an_established_reader_is_published(article, site, rules):
    decision = policy.evaluate(
        submission(author=reader_factory(), article=article, site=site, rules=rules, text="Fair.")
    )
    assert decision.outcome == policy.Outcome.PUBLISH and decision.reasons == []


def test_banned_words_are_refused_whatever_their_case_or_width(article, site, rules):
    decision = policy.evaluate(
        submission(
            author=reader_factory(),
            article=article,
            site=site,
            rules=rules,
            text="You ＦＲＯＢＮＩＣＡＴＥ",
        )
    )
    assert decision.outcome == policy.Outcome.REFUSE
    assert decision.reasons == ["banned_words"]
    assert decision.message == policy.REFUSED_BANNED_WORDS


def test_banned_words_match_whole_words_only(article, site, rules):
    rules.banned_words = "ass"
    decision = policy.evaluate(
        submission(
            author=reader_factory(), article=article, site=site, rules=rules, text="A class act"
        )
    )
    assert decision.outcome == policy.Outcome.PUBLISH


def test_suspect_words_hold_the_comment(article, site, rules):
    decision = policy.evaluate(
        submission(
            author=reader_factory(),
            article=article,
            site=site,
            rules=rules,
            text="A Miracle  Cure!",
        )
    )
    assert decision.outcome == policy.Outcome.HOLD and decision.reasons == ["suspect_words"]


def test_too_many_links_hold_the_comment(article, site, rules):
    text = "http://a.example http://b.example http://c.example"
    decision = policy.evaluate(
        submission(author=reader_factory(), article=article, site=site, rules=rules, text=text)
    )
    assert decision.outcome == policy.Outcome.HOLD and decision.reasons == ["too_many_links"]


def test_the_same_text_again_is_refused_after_folding(article, site, rules):
    reader = reader_factory()
    comment_factory(article=article, author=reader, body="Great point, well made.")
    decision = policy.evaluate(
        submission(
            author=reader,
            article=article,
            site=site,
            rules=rules,
            text="GREAT\u200b point,  well made.",
        )
    )
    assert decision.outcome == policy.Outcome.REFUSE
    assert decision.message == policy.REFUSED_DUPLICATE


def test_editing_a_comment_is_not_a_duplicate_of_itself(article, site, rules):
    reader = reader_factory()
    comment = comment_factory(article=article, author=reader, body="Same words.")
    decision = policy.evaluate(
        submission(
            author=reader,
            article=article,
            site=site,
            rules=rules,
            text="Same words.",
            editing=comment,
        )
    )
    assert decision.outcome == policy.Outcome.PUBLISH


def test_posting_too_fast_is_rate_limited_with_retry_after(article, site, rules):
    reader = reader_factory()
    for _ in range(3):
        policy.RateLimitCheck().run(
            submission(author=reader, article=article, site=site, rules=rules, text="x")
        )
    with pytest.raises(policy.RateLimited) as raised:
        policy.RateLimitCheck().run(
            submission(author=reader, article=article, site=site, rules=rules, text="x")
        )
    assert 1 <= raised.value.retry_after <= 60
    assert raised.value.message == policy.RATE_LIMITED.format(seconds=raised.value.retry_after)


def test_new_accounts_are_rate_limited_more_strictly(article, site, rules):
    newcomer = reader_factory(days_old=1)
    check = policy.RateLimitCheck()
    check.run(submission(author=newcomer, article=article, site=site, rules=rules, text="x"))
    with pytest.raises(policy.RateLimited):
        check.run(submission(author=newcomer, article=article, site=site, rules=rules, text="x"))


def test_first_comments_of_new_accounts_are_held_until_one_is_approved(article, site, rules):
    newcomer = reader_factory(days_old=1)
    first = policy.evaluate(
        submission(author=newcomer, article=article, site=site, rules=rules, text="Hello all.")
    )
    assert first.outcome == policy.Outcome.HOLD and first.reasons == ["new_account"]
    comment_factory(article=article, author=newcomer, body="Hello all.")  # approved
    cache.clear()
    second = policy.evaluate(
        submission(author=newcomer, article=article, site=site, rules=rules, text="Thanks.")
    )
    assert second.outcome == policy.Outcome.PUBLISH


def test_premoderated_article_or_reader_holds_with_its_reason(article, site, rules):
    reader = reader_factory()
    on_article = policy.evaluate(
        submission(
            author=reader,
            article=article,
            site=site,
            rules=rules,
            text="a",
            article_premoderated=True,
        )
    )
    CommenterSettings.objects.create(user=reader, premoderated=True)
    on_reader = policy.evaluate(
        submission(author=reader, article=article, site=site, rules=rules, text="b")
    )
    assert on_article.reasons == ["premoderated_article"]
    assert on_reader.reasons == ["premoderated_reader"]


def test_a_check_that_fails_holds_the_comment_as_check_unavailable(article, site, rules):
    class Broken(policy.Check):
        code = "broken"

        def run(self, submission):
            raise ConnectionError("word list service down")

    decision = policy.evaluate(
        submission(author=reader_factory(), article=article, site=site, rules=rules, text="Fine."),
        checks=[Broken, *policy.CHECKS],
    )
    assert decision.outcome == policy.Outcome.HOLD
    assert decision.reasons == ["check_unavailable"]


def test_a_cache_outage_holds_instead_of_publishing(article, site, rules, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(policy.cache, "add", down)
    decision = policy.evaluate(
        submission(author=reader_factory(), article=article, site=site, rules=rules, text="Fine.")
    )
    assert decision.outcome == policy.Outcome.HOLD
    assert "check_unavailable" in decision.reasons
    assert not Comment.objects.exists()


def test_holds_add_up_their_reasons(article, site, rules):
    decision = policy.evaluate(
        submission(
            author=reader_factory(days_old=1),
            article=article,
            site=site,
            rules=rules,
            text="miracle cure http://a.example http://b.example http://c.example",
        )
    )
    assert decision.reasons == ["suspect_words", "too_many_links", "new_account"]
