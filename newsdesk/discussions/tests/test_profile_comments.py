"""Security row 8: a public profile lists only comments readers can reach on the story.

The profile listed a reader's published comments with the story's title whatever the
story's state: unpublished stories and password-protected ones showed up by name.
"""

import pytest
from wagtail.models import PageViewRestriction

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.selectors import comments_by_author
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zola_everywhere(article, section):
    zola = reader_factory(username="zola")
    pulled = article_factory(section=section, title="Pulled story about the mayor")
    locked = article_factory(section=section, title="Members-only budget leak")
    draft = article_factory(section=section, title="Embargoed results", publish=False)
    comment_factory(article=article, author=zola, body="On the open story")
    comment_factory(article=pulled, author=zola, body="On the pulled story")
    comment_factory(article=locked, author=zola, body="On the locked story")
    comment_factory(article=draft, author=zola, body="On the draft")
    type(pulled).objects.get(pk=pulled.pk).unpublish()
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return zola


def test_profile_page_lists_only_comments_on_public_stories(client, article, zola_everywhere):
    html = client.get("/people/zola/").content.decode()
    assert article.title in html and "On the open story" in html
    for hidden in ("mayor", "budget leak", "Embargoed", "pulled story", "locked story", "draft"):
        assert hidden not in html


def test_comments_by_author_skips_unpublished_and_restricted_stories(article, zola_everywhere):
    bodies = [c.body for c in comments_by_author(user=zola_everywhere)]
    assert bodies == ["On the open story"]
