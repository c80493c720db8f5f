import io

import pytest
from django.urls import reverse
from PIL import Image

from newsdesk.contributions import services, views
from newsdesk.contributions.models import PublishedContribution, Submission, SubmissionPhoto
from newsdesk.contributions.tests.factories import (
    approve,
    decline,
    editor,
    jpeg_with_gps,
    reader,
    sent_pictures,
    sent_story,
    story_text,
    upload,
)
from newsdesk.discussions.models import Comment
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.images.models import CustomImage

pytestmark = pytest.mark.django_db


def _story_post(*, words=250, action="send", files=(), rights=True, **extra):
    data = {
        "title": "Flood in Hammarsdale",
        "body": story_text(words),
        "place": "Hammarsdale",
        "happened_on": "2026-11-20",
        "action": action,
        "photos-TOTAL_FORMS": "2",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
        **extra,
    }
    if rights:
        data["rights_confirmed"] = "on"
    for i, (f, caption) in enumerate(files):
        data[f"photos-{i}-file"] = f
        data[f"photos-{i}-caption"] = caption
    return data


@pytest.fixture
def reader_client(client):
    profile = reader()
    client.force_login(profile.user)
    client.profile = profile
    return client


def _media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_contributing_needs_a_profile(client, django_user_model):
    response = client.get("/contribute/story/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(django_user_model.objects.create_user("noprofile"))
    response = client.get("/contribute/pictures/")
    assert response["Location"].startswith("/people/create/?next=/contribute/pictures/")


def test_short_story_is_refused_with_the_word_count(reader_client):
    response = reader_client.post("/contribute/story/", _story_post(words=150))
    assert response.status_code == 200
    assert services.too_short_message(150) in response.content.decode()
    assert not Submission.objects.exists()


def test_short_story_can_be_saved_as_draft_then_finished(reader_client):
    response = reader_client.post("/contribute/story/", _story_post(words=150, action="draft"))
    submission = Submission.objects.get()
    assert response["Location"] == reverse("contributions:edit", args=[submission.pk])
    page = reader_client.get(response["Location"])
    assert "150 words" in page.content.decode()
    response = reader_client.post(response["Location"], _story_post(words=220))
    assert response["Location"] == "/contribute/mine/"
    assert Submission.objects.get().submitted_at is not None


def test_story_with_photo_is_sent_and_listed_as_with_the_editors(reader_client):
    response = reader_client.post(
        "/contribute/story/", _story_post(files=[(upload(), "Water over the bridge")])
    )
    assert response.status_code == 302
    mine = reader_client.get("/contribute/mine/")
    body = mine.content.decode()
    assert "Flood in Hammarsdale" in body and "With the editors" in body
    assert "private" in mine["Cache-Control"]
    assert Submission.objects.get().photos.count() == 1


def test_declined_reason_is_shown_to_the_contributor(reader_client, home_page):
    submission = sent_story(reader_client.profile)
    decline(submission, editor(), "Please add a quote from a resident.")
    body = reader_client.get("/contribute/mine/").content.decode()
    assert "Not accepted" in body and "Please add a quote from a resident." in body
    assert reverse("contributions:edit", args=[submission.pk]) in body


def test_other_readers_cannot_open_my_draft(client, reader_client):
    draft = services.submission_save(
        contributor=reader_client.profile, kind="story", title="Mine", body="x"
    )
    other = reader("sipho", "Sipho")
    client.force_login(other.user)
    assert client.get(f"/contribute/story/{draft.pk}/").status_code == 404


def _pixel_bomb() -> bytes:
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, format="PNG")
    return bomb.getvalue()


def _polyglot() -> bytes:
    png = io.BytesIO()
    Image.new("RGB", (10, 10), (1, 2, 3)).save(png, format="PNG")
    return png.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bomb.png", _pixel_bomb(), "bomb.png is 12000 × 12000 pixels"),
        ("cut.jpg", jpeg_with_gps(size=(400, 300))[:1500], "cut.jpg could not be read"),
        ("poly.png", _polyglot(), "poly.png has web page code hidden inside the picture"),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "evil.svg is not a JPEG, PNG or WebP photo.",
        ),
    ],
    ids=["pixel-bomb", "truncated-jpeg", "png-html-polyglot", "svg-with-script"],
)
def test_hostile_photo_is_refused_by_name_and_nothing_is_stored(
    reader_client, settings, name, data, expected
):
    good = upload(name="good.jpg")
    response = reader_client.post(
        "/contribute/story/",
        _story_post(files=[(good, "A good photo"), (upload(data, name=name), "Hostile")]),
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Submission.objects.exists()
    assert not SubmissionPhoto.objects.exists()
    assert not CustomImage.objects.exists()
    assert _media_files(settings) == []


def test_huge_body_is_refused_before_it_is_read(reader_client, settings):
    settings.NEWSDESK_CONTRIBUTIONS_MAX_REQUEST_BYTES = 1024 * 1024
    response = reader_client.post(
        "/contribute/pictures/",
        {"title": "Big", "photos-0-file": upload(b"\xff\xd8\xff" + b"0" * 2_000_000)},
    )
    assert response.status_code == 413
    assert "Your upload is 2 MB; one contribution can be at most 1 MB in all" in (
        response.content.decode()
    )
    assert not Submission.objects.exists()
    assert _media_files(settings) == []


def test_huge_body_is_refused_from_its_declared_length_alone(reader_client, settings):
    # A client that announces 10 GB: refused before any of it is read.
    response = reader_client.generic(
        "POST",
        "/contribute/story/",
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10 * 1024**3),
    )
    assert response.status_code == 413
    assert views.REQUEST_TOO_LARGE.format(size="10240", limit="64") in response.content.decode()


def test_a_failure_after_files_were_written_removes_them(reader_client, settings, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_send_for_review", broken)
    with pytest.raises(RuntimeError):
        reader_client.post("/contribute/story/", _story_post(files=[(upload(), "Bridge")]))
    assert not Submission.objects.exists()
    assert _media_files(settings) == []


def test_csrf_is_still_checked_on_uploads(reader_client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.cookies = reader_client.cookies
    response = strict.post("/contribute/story/", _story_post())
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_pictures_are_sent_with_caption_place_and_date(reader_client):
    data = {
        "title": "Storm over the bay",
        "rights_confirmed": "on",
        "photos-TOTAL_FORMS": "3",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
        "photos-0-file": upload(),
        "photos-0-caption": "Lightning over the harbour",
        "photos-0-place": "Gqeberha",
        "photos-0-taken_on": "2026-11-21",
    }
    assert reader_client.post("/contribute/pictures/", data).status_code == 302
    photo = SubmissionPhoto.objects.get()
    assert (photo.caption, photo.place, str(photo.taken_on)) == (
        "Lightning over the harbour",
        "Gqeberha",
        "2026-11-21",
    )
    assert photo.image.credit == "Thandi Mokoena, reader"


def test_user_galleries_show_approved_pictures_newest_first_filtered(client, home_page):
    thandi, sipho = reader(), reader("sipho", "Sipho Dube")
    user = editor()
    first = sent_pictures(thandi, title="Old storm")
    approve(first, user)
    second = sent_pictures(sipho, title="New fire")
    approve(second, user)
    pending = sent_pictures(thandi, title="Not yet")  # still with the editors

    response = client.get("/galleries/readers/")
    body = response.content.decode()
    assert "public" in response["Cache-Control"]
    assert body.index("Sipho Dube") < body.index("Thandi Mokoena")
    assert body.count('<li id="photo-') == 2
    assert f'id="photo-{pending.photos.get().pk}"' not in body
    filtered = client.get("/galleries/readers/?contributor=sipho").content.decode()
    assert filtered.count('<li id="photo-') == 1 and "Sipho Dube" in filtered
    by_place = client.get("/galleries/readers/?place=gqeberha").content.decode()
    assert by_place.count('<li id="photo-') == 2
    assert (
        client.get("/galleries/readers/?place=Nowhere").content.decode().count('<li id="photo-')
        == 0
    )


def test_user_galleries_cost_the_same_queries_at_any_size(
    client, home_page, django_assert_max_num_queries
):
    user = editor()
    for n in range(6):
        approve(sent_pictures(reader(f"r{n}", f"Reader {n}")), user)
    client.get("/galleries/readers/")  # renditions are made on the first view
    with django_assert_max_num_queries(12):
        client.get("/galleries/readers/")


def test_published_story_article_shows_linked_byline_and_reference_links(client, home_page):
    profile = reader()
    approve(sent_story(profile), editor())
    article = PublishedContribution.objects.get().article
    response = client.get(article.url)
    body = response.content.decode()
    assert f'<a href="/people/{profile.username}/" rel="author">Thandi Mokoena</a>' in body
    for link in (
        "Multimedia",
        "User Galleries",
        "News in Pictures",
        "Send us your pictures",
        "Send us your stories",
    ):
        assert link in body
    assert "csrfmiddlewaretoken" not in body
    assert "public" in response["Cache-Control"]


def test_profile_shows_published_contributions_badge_and_views(client, home_page):
    profile = reader()
    approve(sent_story(profile), editor())
    publication = PublishedContribution.objects.get()
    assert client.post(f"/contribute/viewed/{publication.pk}/").status_code == 204
    body = client.get(f"/people/{profile.username}/").content.decode()
    assert "Published contributor" in body
    assert "Flood in Hammarsdale" in body
    assert "1 view" in body


def test_comment_counts_on_my_contributions_come_from_discussions(client, home_page):
    # End to end: discussions registers the counter; a published comment shows up.
    profile = reader()
    approve(sent_story(profile), editor())
    article = PublishedContribution.objects.get().article
    commenter = reader_factory(username="commenter")
    comment_factory(article=article, author=commenter)
    comment_factory(article=article, author=commenter, status=Comment.Status.REJECTED)
    client.force_login(profile.user)
    body = client.get(reverse("contributions:mine")).content.decode()
    assert "1 comment" in body and "2 comments" not in body
    body = client.get(f"/people/{profile.username}/").content.decode()
    assert "1 comment" in body


def test_feed_lists_published_contributions(client, home_page):
    approve(sent_story(reader()), editor())
    approve(sent_pictures(reader("sipho", "Sipho Dube")), editor("ed2"))
    response = client.get("/feeds/contributions/rss/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Flood in Hammarsdale" in body and "Storm over the bay" in body
    assert "/mynews/flood-in-hammarsdale/" in body
    # The same source in the other formats distribution serves.
    assert client.get("/feeds/contributions/atom/").status_code == 200
    assert "Storm over the bay" in client.get("/feeds/contributions/json/").content.decode()


def test_multimedia_lists_video_and_galleries(client, home_page, section):
    from newsdesk.articles.services import article_create

    article_create(
        section=section,
        title="Watch: the launch",
        body=[
            {
                "type": "embed",
                "value": {"embed": "https://www.youtube.com/watch?v=x", "caption": ""},
            }
        ],
    )
    article_create(
        section=section,
        title="Words only",
        body=[{"type": "paragraph", "value": "<p>Text.</p>"}],
    )
    body = client.get("/multimedia/").content.decode()
    assert "Watch: the launch" in body
    assert "Words only" not in body


def test_editor_sees_the_submission_with_the_contributors_history(client, home_page):
    profile = reader()
    user = editor()
    first = sent_story(profile, title="An earlier story")
    decline(first, user, "Too close to a press release.")
    second = sent_pictures(profile, title="Storm over the bay")
    client.force_login(user)
    dashboard = client.get("/admin/").content.decode()
    assert "Storm over the bay" in dashboard
    edit = client.get(f"/admin/snippets/contributions/submission/edit/{second.pk}/")
    body = edit.content.decode()
    assert edit.status_code == 200
    assert "The contributor&#x27;s history" in body or "The contributor's history" in body
    assert "An earlier story" in body and "Too close to a press release." in body
    listing = client.get("/admin/snippets/contributions/submission/").content.decode()
    assert "With the editors" in listing and "Not accepted" in listing


def test_a_draft_keeps_its_photos_until_the_reader_removes_one(reader_client):
    reader_client.post(
        "/contribute/story/",
        _story_post(action="draft", files=[(upload(), "Bridge"), (upload(), "Crowd")]),
    )
    submission = Submission.objects.get()
    assert submission.photos.count() == 2
    bridge = submission.photos.get(caption="Bridge")
    edit_url = reverse("contributions:edit", args=[submission.pk])
    assert "Bridge" in reader_client.get(edit_url).content.decode()
    reader_client.post(edit_url, _story_post(action="draft", remove=[str(bridge.pk)]))
    assert list(submission.photos.values_list("caption", flat=True)) == ["Crowd"]


def test_my_contributions_cost_the_same_queries_for_many(
    reader_client, django_assert_max_num_queries
):
    for n in range(5):
        services.submission_save(
            contributor=reader_client.profile, kind="story", title=f"Draft {n}", body="x"
        )
    with django_assert_max_num_queries(12):
        reader_client.get("/contribute/mine/")


def test_a_refused_picture_form_keeps_the_text_and_names_the_photos_to_choose_again(
    reader_client,
):
    data = {
        "title": "Storm over the bay",
        "photos-TOTAL_FORMS": "3",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
        "photos-0-file": upload(name="lightning.jpg"),
        "photos-0-caption": "Lightning over the harbour",
        "photos-1-file": upload(name="harbour.jpg"),
        "photos-1-caption": "The harbour after",
    }  # no rights statement: refused
    response = reader_client.post("/contribute/pictures/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Submission.objects.exists()
    assert str(services.RIGHTS_REQUIRED) in html
    assert views.CHOOSE_AGAIN.format(names="lightning.jpg, harbour.jpg") in html
    assert "Choose <strong>lightning.jpg</strong> again here." in html
    assert 'value="Storm over the bay"' in html and 'value="The harbour after"' in html
    # The browser checks the same rules, in the same words, before anything is sent.
    assert '<script id="pictures-checks" type="application/json">' in html
    assert str(services.NO_PHOTOS) in html.split('id="pictures-checks"')[1]
