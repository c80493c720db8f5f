"""Recommendations: one per reader per comment, counted on the comment, undoable."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from newsdesk.discussions import services
from newsdesk.discussions.models import Comment, CommentReaction
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.editorial.roles import EDITORS
from newsdesk.sanctions.models import Sanction

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def comment(article):
    return comment_factory(article=article, author=reader_factory(username="thandi"))


def test_recommend_counts_once_and_a_second_toggle_takes_it_back(comment):
    reader = reader_factory()
    assert services.comment_recommend_toggle(comment=comment, user=reader) == (True, 1)
    assert CommentReaction.objects.filter(comment=comment, user=reader).count() == 1
    assert services.comment_recommend_toggle(comment=comment, user=reader) == (False, 0)
    assert not CommentReaction.objects.exists()
    comment.refresh_from_db()
    assert comment.recommend_count == 0


def test_reader_cannot_recommend_own_comment(comment):
    with pytest.raises(services.CommentError, match=str(services.RECOMMEND_OWN)):
        services.comment_recommend_toggle(comment=comment, user=comment.author)
    comment.refresh_from_db()
    assert comment.recommend_count == 0 and not CommentReaction.objects.exists()


def test_held_comment_cannot_be_recommended(article):
    held = comment_factory(article=article, author=reader_factory(), status=Comment.Status.PENDING)
    with pytest.raises(services.CommentError, match=str(services.RECOMMEND_UNPUBLISHED)):
        services.comment_recommend_toggle(comment=held, user=reader_factory())


@pytest.mark.parametrize(
    ("kind", "duration"),
    [(Sanction.Kind.TIMEOUT, timedelta(hours=1)), (Sanction.Kind.SITE_BAN, None)],
)
def test_sanctioned_reader_cannot_recommend(comment, site, kind, duration):
    reader = reader_factory()
    services.author_sanction(
        user=reader, moderator=None, kind=kind, reason="Abuse", site=site, duration=duration
    )
    with pytest.raises(services.CommentError) as refused:
        services.comment_recommend_toggle(comment=comment, user=reader)
    assert refused.value.status == 403
    comment.refresh_from_db()
    assert comment.recommend_count == 0


def test_recommend_endpoint_answers_the_script_with_state_and_count(client, comment):
    reader = reader_factory()
    client.force_login(reader)
    url = reverse("discussions:recommend", args=[comment.pk])
    response = client.post(url, **JSON)
    assert response.json() == {
        "ok": True,
        "recommended": True,
        "count": 1,
        "message": "You recommended this comment.",
    }
    assert "no-store" in response["Cache-Control"]
    state = client.get(reverse("discussions:me", args=[comment.article_id])).json()
    assert state["recommended"] == [comment.pk]
    assert client.post(url, **JSON).json()["recommended"] is False


def test_own_comment_recommend_endpoint_refuses_with_the_message(client, comment):
    client.force_login(comment.author)
    response = client.post(reverse("discussions:recommend", args=[comment.pk]), **JSON)
    assert response.status_code == 403
    assert response.json()["message"] == str(services.RECOMMEND_OWN)


def test_recommend_without_script_confirms_on_a_page_and_redirects(client, comment):
    client.force_login(reader_factory())
    url = reverse("discussions:recommend", args=[comment.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Recommend this comment?" in page.content
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert Comment.objects.get(pk=comment.pk).recommend_count == 1


def test_signed_out_reader_is_sent_to_sign_in(client, comment):
    response = client.get(reverse("discussions:recommend", args=[comment.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_cached_thread_shows_counts_but_not_who_recommended(client, comment):
    services.comment_recommend_toggle(comment=comment, user=reader_factory())
    html = client.get(reverse("discussions:fragment", args=[comment.article_id])).content
    assert b"1 recommend<" in html
    assert b"aria-pressed" not in html  # whose button is pressed comes from me.json


def test_editor_features_from_the_thread_and_readers_cannot(client, comment):
    reader = reader_factory()
    client.force_login(reader)
    url = reverse("discussions:feature", args=[comment.pk])
    assert client.post(url, **JSON).status_code == 404
    editor = reader_factory()
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    state = client.get(reverse("discussions:me", args=[comment.article_id])).json()
    assert state["may_feature"] is True
    assert client.post(url, **JSON).json()["featured"] is True
    assert Comment.objects.get(pk=comment.pk).featured
    assert client.post(url, {"featured": "0"}, **JSON).json()["featured"] is False
