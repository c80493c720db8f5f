import pytest
from wagtail.models import Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import DiscussionSettings


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def rules(site):
    """The site's comments settings, with room to post in tests."""
    settings = DiscussionSettings.for_site(site)
    settings.rate_limit_per_minute = 100
    settings.new_account_rate_limit_per_minute = 100
    settings.save()
    return settings


@pytest.fixture
def article(section, rules):
    return article_factory(section=section, title="Japan, US to modernise military alliance")
