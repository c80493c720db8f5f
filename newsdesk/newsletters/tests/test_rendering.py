"""What an issue says: its stories (the digests' one-day window) and its language."""

import datetime

import pytest
from django.utils import timezone, translation

from newsdesk.articles.tests.factories import article_factory
from newsdesk.network.models import SiteSettings
from newsdesk.newsletters import rendering
from newsdesk.newsletters.models import Newsletter
from newsdesk.sections.tests.factories import SectionPageFactory
from newsdesk.tags.models import Tag

pytestmark = pytest.mark.django_db


def test_issues_and_alerts_are_in_the_sites_language_whatever_the_senders_is(
    site, daily, breaking, stories
):
    SiteSettings.objects.update_or_create(site=site, defaults={"language": "af"})
    with translation.override("en"):
        issue = rendering.issue_render(newsletter=daily)
        alert = rendering.alert_render(newsletter=breaking, article=stories[0])
    assert issue is not None
    assert "Jou Morning Briefing vir" in issue.text
    assert alert.subject == "Nuusflits: Story 1"
    assert "Nuusflits van Breaking." in alert.text
    assert translation.get_language() != "af"  # the override ended with the render


def _titles(newsletter, now) -> list[str]:
    return [story.title for story in rendering.newsletter_stories(newsletter=newsletter, now=now)]


def test_section_digest_has_the_sections_stories_of_the_last_day(site, section, home_page):
    sport = SectionPageFactory(parent=home_page, title="Sport", slug="sport")
    article_factory(section=section, title="Fresh", hours_ago=1)
    article_factory(section=section, title="Earlier today", hours_ago=20)
    article_factory(section=section, title="Yesterday's", hours_ago=30)
    article_factory(section=sport, title="Other section", hours_ago=1)
    digest = Newsletter.objects.create(
        site=site, name="World", slug="world", kind=Newsletter.Kind.SECTION, section=section
    )
    now = timezone.now()
    assert _titles(digest, now) == ["Fresh", "Earlier today"]
    digest.story_count = 1
    assert _titles(digest, now) == ["Fresh"]
    # A day with no new story in the section: no issue at all.
    later = now + datetime.timedelta(days=2)
    assert _titles(digest, later) == []
    assert rendering.issue_render(newsletter=digest, now=later) is None


def test_tag_digest_has_the_tags_stories_of_the_last_day(site, section):
    article_factory(section=section, title="Vote count", tags=["Elections"], hours_ago=2)
    article_factory(section=section, title="Old vote", tags=["Elections"], hours_ago=40)
    article_factory(section=section, title="Untagged", hours_ago=1)
    tag = Tag.objects.get(name="Elections")
    digest = Newsletter.objects.create(
        site=site, name="Elections", slug="elections", kind=Newsletter.Kind.TAG, tag=tag
    )
    now = timezone.now()
    assert _titles(digest, now) == ["Vote count"]
    later = now + datetime.timedelta(days=1, hours=1)
    assert _titles(digest, later) == []
    assert rendering.issue_render(newsletter=digest, now=later) is None
