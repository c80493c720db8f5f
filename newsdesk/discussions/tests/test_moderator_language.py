"""What moderators read speaks their admin language: reasons, log labels, messages."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile

from newsdesk.discussions import services
from newsdesk.discussions.models import ModerationAction, reason_label
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.editorial.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    """A moderator whose Wagtail admin speaks Afrikaans (their preferred language)."""
    user = reader_factory(username="mo")
    user.groups.add(Group.objects.get(name=MODERATORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "af"
    profile.save()
    client.force_login(user)
    return user


def test_pre_moderation_is_told_in_one_translated_sentence_and_logged_in_words(client, moderator):
    reader = reader_factory(username="thandi")
    page = f"/admin/comments/readers/{reader.pk}/"
    shown = client.get(page).content.decode()
    assert ">1 uur</option>" in shown and ">3 dae</option>" in shown
    response = client.post(page, {"premoderate": "on"}, follow=True)
    assert escape(f"Voormoderering vir {reader} is nou aan.") in response.content.decode()
    response = client.post(page, {"premoderate": "off"}, follow=True)
    assert escape(f"Voormoderering vir {reader} is nou af.") in response.content.decode()
    log = client.get("/admin/comments/log/").content.decode()
    assert "Voormoderering aan" in log and "Voormoderering af" in log
    assert ModerationAction.objects.filter(action=ModerationAction.Action.PREMODERATE).count() == 2


def test_closing_comments_is_told_in_one_translated_sentence(client, moderator, article):
    moderator.groups.add(Group.objects.get(name=EDITORS))
    response = client.post(f"/admin/comments/articles/{article.pk}/", {"closed": "on"}, follow=True)
    assert escape(f"Kommentaar op “{article.title}” is nou gesluit.") in response.content.decode()
    response = client.post(f"/admin/comments/articles/{article.pk}/", {}, follow=True)
    assert escape(f"Kommentaar op “{article.title}” is nou oop.") in response.content.decode()


def test_reason_labels_and_the_length_limit_are_translated(article):
    comment = comment_factory(article=article, author=reader_factory(), body="x")
    comment.reasons = ["banned_words", "premoderated_reader", "reported"]
    with translation.override("af"):
        assert reason_label("too_many_links") == "Bevat baie skakels"
        assert comment.reason_labels == [
            "Bevat 'n verbode woord of frase",
            "Die leser is onder voormoderering",
            "Deur lesers aangemeld",
        ]
        assert str(services.TOO_LONG) == "Kommentaar kan hoogstens 5000 karakters lank wees."
    assert str(services.TOO_LONG) == "Comments can be at most 5,000 characters long."
