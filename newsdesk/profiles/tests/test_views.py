import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import profile_tombstone
from newsdesk.profiles.tests.factories import ReaderFactory, reader_with_profile
from newsdesk.profiles.usernames import TAKEN
from newsdesk.profiles.views import PROFILE_CREATED
from newsdesk.sections.tests.factories import news_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(home_page):
    return news_site(hostname="sport.localhost", default=False)


def test_profile_page_is_public_and_the_same_on_every_site(client, network):
    reader_with_profile("thandi")
    for host in ("localhost", "news.localhost", "sport.localhost"):
        response = client.get("/people/thandi/", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert "public" in response["Cache-Control"]
        assert "@thandi" in response.content.decode()


def test_profile_page_costs_a_fixed_number_of_queries(
    client, home_page, django_assert_max_num_queries
):
    reader_with_profile("thandi")
    client.get("/people/thandi/")  # warm the site and navigation caches
    # 8: comments and contributions each read the view restrictions once (``.public()``),
    # a fixed cost whatever the number of restrictions, comments or contributions.
    with django_assert_max_num_queries(8):
        client.get("/people/thandi/")


def test_other_cases_of_a_username_redirect_to_the_one_address(client, home_page):
    reader_with_profile("Thandi")
    response = client.get("/people/ＴＨＡＮＤＩ/")
    assert response.status_code == 301 and response["Location"] == "/people/Thandi/"


def test_deleted_account_profile_says_so_and_keeps_nothing_else(client, home_page):
    profile = reader_with_profile("thandi")
    profile_tombstone(profile=profile)
    response = client.get("/people/thandi/")
    assert response.status_code == 410
    assert "deleted their account" in response.content.decode()


def test_unknown_profile_is_not_found(client, home_page):
    assert client.get("/people/nobody/").status_code == 404


def test_create_profile_asks_anonymous_readers_to_sign_in(client):
    response = client.get("/people/create/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/people/create/")


def test_create_profile_page_explains_the_rules_before_the_reader_commits(client, home_page):
    client.force_login(ReaderFactory())
    page = client.get("/people/create/").content.decode()
    assert "Your username is permanent." in page
    assert "cannot be edited" in page and "/people/yourname/" in page


def test_reader_creates_a_profile_and_is_welcomed_on_the_edit_page(client, home_page):
    user = ReaderFactory()
    client.force_login(user)
    response = client.post(
        "/people/create/",
        {"username": "Zanele", "display_name": "Zanele M", "confirm": "on"},
        follow=True,
    )
    assert response.redirect_chain == [("/people/me/edit/", 302)]
    assert PROFILE_CREATED.format(name="Zanele M") in response.content.decode()
    assert user.profile.username_key == "zanele"


def test_a_profile_made_on_the_way_back_to_a_story_leaves_no_welcome_for_later(client, home_page):
    client.force_login(ReaderFactory())
    response = client.post(
        "/people/create/?next=/world/a-story/",
        {"username": "Zanele", "display_name": "Zanele M", "confirm": "on"},
    )
    assert response["Location"] == "/world/a-story/"
    # The next private page the reader opens has nothing stale waiting for it.
    later = client.get("/people/me/edit/").content.decode()
    assert "Your profile is ready" not in later


def test_taking_an_existing_name_in_another_case_is_refused_with_a_message(client, home_page):
    reader_with_profile("zanele")
    client.force_login(ReaderFactory())
    response = client.post("/people/create/", {"username": "ZANELE", "confirm": "on"})
    assert response.status_code == 200
    assert str(TAKEN) in response.content.decode()
    assert Profile.objects.count() == 1


def test_edit_form_ignores_a_posted_username(client, home_page):
    profile = reader_with_profile("zanele")
    client.force_login(profile.user)
    client.post(
        "/people/me/edit/", {"username": "mallory", "display_name": "Z", "bio": "Hello there"}
    )
    profile.refresh_from_db()
    assert (profile.username, profile.display_name, profile.bio) == ("zanele", "Z", "Hello there")


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (800, 500), "#3366aa")
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (33.0, 55.0, 0.0)  # latitude 33°55' S
    exif[0x010F] = "SpyCam"  # camera make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_avatar_upload_is_cropped_square_and_stripped_of_metadata(client, home_page):
    profile = reader_with_profile("zanele")
    client.force_login(profile.user)
    upload = SimpleUploadedFile("me.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    client.post("/people/me/edit/", {"display_name": "Z", "bio": "", "avatar": upload})
    profile.refresh_from_db()
    with profile.avatar.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (320, 320)
        assert not image.getexif()
    page = client.get("/people/zanele/").content.decode()
    assert profile.avatar.url in page


def test_a_file_that_is_not_a_photo_is_refused_with_the_readers_message(client, home_page):
    profile = reader_with_profile("zanele")
    client.force_login(profile.user)
    upload = SimpleUploadedFile("me.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = client.post("/people/me/edit/", {"display_name": "Z", "avatar": upload})
    assert "me.jpg is not a JPEG, PNG or WebP photo." in response.content.decode()
    profile.refresh_from_db()
    assert not profile.avatar


def test_admin_username_field_is_locked_for_moderators_but_not_superusers(home_page):
    from newsdesk.profiles.wagtail_hooks import ProfileViewSet

    profile = reader_with_profile("zanele")
    form_class = ProfileViewSet().get_edit_handler().get_form_class()
    moderator = ReaderFactory(is_staff=True)
    data = {"username": "mallory", "display_name": "Z", "bio": ""}
    form = form_class(data, instance=profile, for_user=moderator)
    assert form.is_valid(), form.errors
    form.save()
    profile.refresh_from_db()
    assert profile.username == "zanele"

    admin = ReaderFactory(is_staff=True, is_superuser=True)
    form = form_class(data, instance=profile, for_user=admin)
    assert form.is_valid(), form.errors
    form.save()
    profile.refresh_from_db()
    assert (profile.username, profile.username_key) == ("mallory", "mallory")


def test_superuser_cannot_rename_a_profile_onto_a_taken_name(home_page):
    from newsdesk.profiles.wagtail_hooks import ProfileViewSet

    reader_with_profile("taken")
    profile = reader_with_profile("zanele")
    form_class = ProfileViewSet().get_edit_handler().get_form_class()
    admin = ReaderFactory(is_staff=True, is_superuser=True)
    data = {"username": "TAKEN", "display_name": "", "bio": ""}
    form = form_class(data, instance=profile, for_user=admin)
    assert not form.is_valid()
    assert form.errors["username"] == [TAKEN]
