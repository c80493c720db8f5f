import pytest
from wagtail.models import Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.newsletters.models import Newsletter, Subscriber, Subscription


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def stories(section):
    return [
        article_factory(section=section, title=f"Story {n}", summary=f"Summary {n}", hours_ago=n)
        for n in range(1, 4)
    ]


@pytest.fixture
def daily(site):
    return Newsletter.objects.create(
        site=site, name="Morning Briefing", slug="morning", kind=Newsletter.Kind.DAILY
    )


@pytest.fixture
def breaking(site):
    return Newsletter.objects.create(
        site=site, name="Breaking", slug="breaking", kind=Newsletter.Kind.BREAKING
    )


def subscribed(newsletter, email: str, **fields) -> Subscriber:
    """A confirmed subscriber of ``newsletter``."""
    from django.utils import timezone

    subscriber = Subscriber.objects.create(email=email, **fields)
    Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, confirmed_at=timezone.now()
    )
    return subscriber
