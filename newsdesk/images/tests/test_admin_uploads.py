"""Issue #13 row 9 follow-up: photos editors upload through the Wagtail admin are stored
with no metadata, whatever path stores them (add, edit with a new file, the multiple
uploader and its "complete the details" step, the chooser's upload tab), and so are
their renditions. Checked by reading the stored bytes back."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, UploadedFile

from newsdesk.images.models import CustomImage
from newsdesk.images.tests.factories import SCRIPT_COMMENT, image_with_metadata
from newsdesk.images.tests.metadata import exif_gps_found, metadata_found

pytestmark = pytest.mark.django_db
RENDITIONS = ("width-20", "fill-10x10", "width-20|format-webp", "width-20|format-png")


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("desk", "desk@example.com", "pw")
    client.force_login(user)
    return client


def _dirty(fmt="JPEG", name="lead.jpg"):
    return SimpleUploadedFile(name, image_with_metadata(fmt), f"image/{fmt.lower()}")


def _stored(image: CustomImage) -> bytes:
    with image.file.open("rb") as stored:
        return stored.read()


def _assert_clean(image: CustomImage):
    data = _stored(image)
    assert metadata_found(data) == []
    assert not exif_gps_found(data)
    assert SCRIPT_COMMENT not in data and b"SecretCam" not in data
    assert image.file_size == len(data)  # Wagtail sized and hashed the clean file
    for spec in RENDITIONS:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            assert metadata_found(f.read()) == [], spec


def _root():
    return Collection.get_first_root_node().pk


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "lead.jpg"), ("PNG", "lead.png"), ("WEBP", "lead.webp")]
)
def test_the_admin_add_form_stores_the_photo_without_metadata(editor_client, fmt, name):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Lead", "file": _dirty(fmt, name), "collection": _root()},
    )
    assert response.status_code == 302, response.content[:500]
    image = CustomImage.objects.get()
    assert image.file.name.endswith(name.rsplit(".", 1)[1])
    _assert_clean(image)


def test_replacing_the_file_in_the_edit_form_stores_it_without_metadata(editor_client):
    editor_client.post(
        reverse("wagtailimages:add"), {"title": "Lead", "file": _dirty(), "collection": _root()}
    )
    image = CustomImage.objects.get()
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Lead", "file": _dirty("PNG", "new.png"), "collection": _root()},
    )
    assert response.status_code == 302, response.content[:500]
    image.refresh_from_db()
    assert image.file.name.endswith(".png")
    _assert_clean(image)


def test_the_multiple_uploader_stores_photos_without_metadata(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": _dirty(), "title": "Lead", "collection": _root()},
    )
    assert response.json()["success"] is True
    image = CustomImage.objects.get()
    _assert_clean(image)
    # The details step that follows needs no file again.
    response = editor_client.post(
        reverse("wagtailimages:edit_multiple", args=[image.pk]),
        {f"image-{image.pk}-title": "Renamed", f"image-{image.pk}-collection": _root()},
    )
    assert response.json()["success"] is True, response.content[:300]
    image.refresh_from_db()
    assert image.title == "Renamed"


def test_the_uploaders_complete_the_details_step_stores_the_photo_without_metadata(
    editor_client,
):
    # When a field other than the file fails, Wagtail keeps the raw upload aside and
    # copies it into the image later, past the upload form.
    user = get_user_model().objects.get(username="desk")
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(CustomImage),
        file=_dirty(),
        uploaded_by_user=user,
    )
    prefix = f"uploaded-image-{upload.pk}"
    response = editor_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {f"{prefix}-title": "Lead", f"{prefix}-collection": _root()},
    )
    assert response.json()["success"] is True, response.content[:500]
    image = CustomImage.objects.get()
    _assert_clean(image)
    with image.file.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"


def test_the_choosers_upload_tab_stores_the_photo_without_metadata(editor_client):
    response = editor_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Lead",
            "image-chooser-upload-file": _dirty(),
            "image-chooser-upload-collection": _root(),
        },
    )
    assert response.status_code == 200
    _assert_clean(CustomImage.objects.get())


def test_a_gif_is_stored_as_a_clean_png(editor_client):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).save(out, format="GIF", comment=b"<script>x</script>")
    assert b"<script>" in out.getvalue()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Anim",
            "file": SimpleUploadedFile("a.gif", out.getvalue()),
            "collection": _root(),
        },
    )
    assert response.status_code == 302
    image = CustomImage.objects.get()
    assert image.file.name.endswith(".png")
    assert metadata_found(_stored(image)) == []


def test_a_damaged_photo_is_refused_with_the_reason_and_nothing_is_stored(editor_client):
    data = image_with_metadata("JPEG", size=(400, 300))
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Cut",
            "file": SimpleUploadedFile("cut.jpg", data[: len(data) // 2]),
            "collection": _root(),
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_renditions_of_an_original_stored_with_metadata_carry_none(fmt):
    # Wagtail's rendition pipeline copies EXIF, the ICC profile and the JPEG comment
    # from the original: an original stored before uploads were cleaned (or restored
    # from an old backup) must not pass them on.
    from django.core.files.base import ContentFile

    image = CustomImage.objects.create(
        title="Old", file=ContentFile(image_with_metadata(fmt), name=f"old.{fmt.lower()}")
    )
    assert metadata_found(_stored(image))  # the original really is dirty
    for spec in (*RENDITIONS, "width-20|format-jpeg", "original"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            data = f.read()
        assert metadata_found(data) == [], spec
        assert SCRIPT_COMMENT not in data
    default = image.get_rendition("width-20").file.name.rsplit(".", 1)[1]
    assert default == {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]


def test_an_avif_is_stored_as_a_clean_webp(editor_client):
    import io

    from PIL import Image

    from newsdesk.images.tests.factories import gps_exif

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 40, 40)).save(out, format="AVIF", exif=gps_exif())
    assert exif_gps_found(out.getvalue())  # the fixture really carries a position
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Av",
            "file": SimpleUploadedFile("a.avif", out.getvalue()),
            "collection": _root(),
        },
    )
    assert response.status_code == 302, response.content[:300]
    image = CustomImage.objects.get()
    assert image.file.name.endswith(".webp")
    _assert_clean(image)
