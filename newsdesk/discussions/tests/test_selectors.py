import pytest

from newsdesk.discussions import services
from newsdesk.discussions.models import CommentReport
from newsdesk.discussions.selectors import moderation_queue, queue_counts
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db


def test_reported_queue_lists_only_comments_with_an_open_report(article, site):
    author, reporter = reader_factory(), reader_factory()
    quiet = [comment_factory(article=article, author=author, body=f"Fine {n}") for n in range(3)]
    reported = comment_factory(article=article, author=author, body="Buy cheap watches")
    assert queue_counts()["reported"] == 0
    assert moderation_queue(queue="reported")[0] == []

    services.comment_report(comment=reported, reporter=reporter, reason=CommentReport.Reason.SPAM)

    assert queue_counts()["reported"] == 1
    assert moderation_queue(queue="reported")[0] == [reported]
    assert len(moderation_queue(queue="published")[0]) == len(quiet) + 1


def test_a_comment_leaves_the_reported_queue_once_its_reports_are_resolved(article, site):
    author, moderator = reader_factory(), reader_factory(is_staff=True)
    comment = comment_factory(article=article, author=author)
    for reporter in (reader_factory(), reader_factory()):
        services.comment_report(
            comment=comment, reporter=reporter, reason=CommentReport.Reason.ABUSE
        )
    assert queue_counts()["reported"] == 1  # two reports, one comment

    services.comment_approve(comment=comment, moderator=moderator)

    assert queue_counts()["reported"] == 0
    assert moderation_queue(queue="reported")[0] == []
