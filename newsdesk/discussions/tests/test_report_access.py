"""Security row 6: the report form shows only what the thread already shows everyone.

``/comments/c/<id>/report/`` quoted any comment by id: another reader's held (or
rejected) comment, and comments on unpublished stories. It now answers 404 for all of
those, by GET and by POST, and stores nothing.
"""

import pytest

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import Comment, CommentReport
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def reporter(client):
    reader = reader_factory()
    client.force_login(reader)
    return reader


def _assert_unreachable(client, comment):
    page = client.get(f"/comments/c/{comment.pk}/report/")
    assert page.status_code == 404
    assert comment.body not in page.content.decode()
    posted = client.post(f"/comments/c/{comment.pk}/report/", {"reason": "spam"}, **JSON)
    assert posted.status_code == 404
    assert not CommentReport.objects.filter(comment=comment).exists()


def test_a_published_comment_can_be_reported(client, article, reporter):
    comment = comment_factory(article=article, author=reader_factory(), body="Visible words")
    page = client.get(f"/comments/c/{comment.pk}/report/")
    assert page.status_code == 200 and "Visible words" in page.content.decode()


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
def test_another_readers_held_or_rejected_comment_is_not_shown(client, article, reporter, status):
    held = comment_factory(
        article=article, author=reader_factory(), body="Held for a moderator", status=status
    )
    _assert_unreachable(client, held)


def test_a_comment_on_an_unpublished_story_is_not_shown(client, section, rules, reporter):
    story = article_factory(section=section, title="Pulled story")
    comment = comment_factory(article=story, author=reader_factory(), body="On a pulled story")
    type(story).objects.get(pk=story.pk).unpublish()
    _assert_unreachable(client, comment)


def test_a_comment_on_a_draft_is_not_shown(client, section, rules, reporter):
    draft = article_factory(section=section, title="Not out yet", publish=False)
    comment = comment_factory(article=draft, author=reader_factory(), body="Early words")
    _assert_unreachable(client, comment)
