import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from wagtail.models import ModelLogEntry, WorkflowState

from newsdesk.articles.models import ArticlePage
from newsdesk.contributions import services
from newsdesk.contributions.models import PublishedContribution, Submission, count_words
from newsdesk.contributions.review import WORKFLOW_NAME
from newsdesk.contributions.selectors import Status, submission_status
from newsdesk.contributions.tests.factories import (
    GPS_TAG,
    approve,
    decline,
    editor,
    photo,
    reader,
    sent_pictures,
    sent_story,
    story_text,
)
from newsdesk.editorial import roles
from newsdesk.galleries.models import GalleryIndexPage, GalleryPage

pytestmark = pytest.mark.django_db


def test_words_are_counted_as_a_reader_counts_them():
    assert count_words("Don't stop — it's a well-known, 24-hour road.") == 7
    assert count_words("") == 0
    assert count_words(story_text(150)) == 150


def test_story_under_200_words_is_refused_with_its_count_and_why():
    profile = reader()
    with pytest.raises(ValidationError) as error:
        sent_story(profile, words=150)
    message = services.too_short_message(150)
    assert error.value.messages == [message]
    assert "Your story has 150 words" in message
    assert "Contributions of 200 words or more will be considered for publication" in message
    assert "50 more words" in message
    assert not Submission.objects.exists()


def test_short_story_can_be_saved_as_a_draft_and_sent_when_finished(home_page):
    profile = reader()
    draft = services.submission_save(
        contributor=profile, kind="story", title="Half a story", body=story_text(120)
    )
    assert submission_status(submission=draft).code == Status.DRAFT
    assert draft.current_workflow_state is None
    sent = services.submission_save(
        contributor=profile,
        submission=draft,
        kind="story",
        title="A whole story",
        body=story_text(230),
        rights_confirmed=True,
        send=True,
    )
    assert sent.pk == draft.pk
    assert submission_status(submission=sent).code == Status.IN_REVIEW
    assert sent.current_workflow_state.workflow.name == WORKFLOW_NAME


def test_sending_needs_the_rights_statement():
    with pytest.raises(ValidationError) as error:
        services.submission_save(
            contributor=reader(), kind="story", title="Mine", body=story_text(210), send=True
        )
    assert error.value.messages == [services.RIGHTS_REQUIRED]


def test_pictures_need_a_caption_for_each_photo():
    with pytest.raises(ValidationError) as error:
        sent_pictures(reader(), photos=[photo(caption=" ")])
    assert error.value.messages == [services.CAPTION_REQUIRED.format(name="photo.jpg")]
    assert not Submission.objects.exists()


def test_contribution_review_is_assigned_to_editors():
    submission = sent_pictures(reader())
    workflow = submission.get_workflow()
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITORS]
    user = editor()
    assert user.has_perm("contributions.change_submission")
    assert user.has_perm("contributions.publish_submission")


def test_approved_story_becomes_a_community_article_under_the_readers_name(home_page):
    profile = reader()
    submission = sent_story(profile, photos=[photo("Water over the bridge"), photo("Rescue")])
    approve(submission, editor())

    submission.refresh_from_db()
    assert submission.live
    article = ArticlePage.objects.get()
    assert article.live
    assert article.get_parent().slug == "mynews"
    assert article.byline == "Thandi Mokoena"
    assert article.title == "Flood in Hammarsdale"
    assert article.dateline == "Hammarsdale"
    assert article.lead_image.caption == "Water over the bridge"
    assert [b.block_type for b in article.body][-1] == "image"
    publication = PublishedContribution.objects.get()
    assert publication.article == article and publication.contributor == profile
    assert submission_status(submission=submission).code == Status.PUBLISHED


def test_editor_edits_before_approving_and_the_edit_is_published(home_page):
    submission = sent_story(reader())
    user = editor()
    submission.title = "Flood cuts off Hammarsdale"
    submission.save_revision(user=user, log_action=True)
    approve(submission, user)
    assert ArticlePage.objects.get().title == "Flood cuts off Hammarsdale"


def test_declined_story_shows_the_reason_and_can_be_revised_and_sent_again(home_page):
    profile = reader()
    submission = sent_story(profile)
    decline(submission, editor(), "Please add who was affected and a quote.")
    status = submission_status(submission=Submission.objects.get())
    assert status.code == Status.DECLINED
    assert status.reason == "Please add who was affected and a quote."
    assert not ArticlePage.objects.exists()

    services.submission_save(
        contributor=profile,
        submission=Submission.objects.get(),
        kind="story",
        title="Flood in Hammarsdale",
        body=story_text(260),
        rights_confirmed=True,
        send=True,
    )
    assert submission_status(submission=Submission.objects.get()).code == Status.IN_REVIEW
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_a_story_with_the_editors_cannot_be_changed_by_the_reader():
    profile = reader()
    submission = sent_story(profile)
    with pytest.raises(ValidationError) as error:
        services.submission_save(
            contributor=profile, submission=submission, kind="story", title="Changed"
        )
    assert error.value.messages == [services.NOT_EDITABLE]


def test_approved_pictures_go_to_a_news_in_pictures_gallery_when_chosen(home_page):
    index = GalleryIndexPage(title="News in Pictures", slug="galleries")
    home_page.add_child(instance=index)
    gallery = GalleryPage(title="The week", slug="the-week")
    index.add_child(instance=gallery)
    gallery.save_revision().publish()
    submission = sent_pictures(reader())
    submission.news_in_pictures = gallery
    submission.save_revision()
    approve(submission, editor())

    gallery = GalleryPage.objects.get(pk=gallery.pk)
    photos = list(gallery.photos.all())
    assert [p.caption for p in photos] == ["Flooded road"]
    assert photos[0].credit == "Thandi Mokoena, reader"
    assert PublishedContribution.objects.get().article is None


def test_every_step_is_in_wagtails_audit_log(home_page):
    submission = sent_story(reader())
    decline(submission, editor(), "Needs a quote.")
    services.submission_save(
        contributor=submission.contributor,
        submission=Submission.objects.get(),
        kind="story",
        title=submission.title,
        body=story_text(240),
        rights_confirmed=True,
        send=True,
    )
    approve(Submission.objects.get(), editor("second-editor"))
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(submission.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    for action in (
        "wagtail.create",
        "wagtail.edit",
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert action in actions, action


def test_stored_photo_and_its_renditions_have_no_location_data(home_page):
    submission = sent_pictures(reader())
    image = submission.photos.get().image
    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"PhoneMaker" not in data
    assert not Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_TAG)
    for spec in ("fill-480x360-c100", "width-960", "original"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as served:
            rendered = Image.open(io.BytesIO(served.read()))
        assert not rendered.getexif().get_ifd(GPS_TAG)
        assert not rendered.getexif()


def test_republishing_an_approved_story_updates_its_article_not_a_new_one(home_page):
    submission = sent_story(reader())
    user = editor()
    approve(submission, user)
    live = Submission.objects.get()
    live.title = "Flood in Hammarsdale: the clean-up begins"
    live.save_revision(user=user, log_action=True).publish(user=user)
    article = ArticlePage.objects.get()
    assert article.title == "Flood in Hammarsdale: the clean-up begins"
    assert PublishedContribution.objects.get().article == article


def test_published_story_gets_its_opening_words_as_standfirst(home_page):
    # Feeds and search engines show the standfirst: a reader's story must not go out empty.
    submission = sent_story(reader(), words=250)
    approve(submission, editor())
    summary = ArticlePage.objects.get().summary
    first_paragraph = submission.body.split("\n")[0].split()
    assert summary.split()[:10] == first_paragraph[:10]
    assert summary.endswith("…") and len(summary.split()) == services.STANDFIRST_WORDS
