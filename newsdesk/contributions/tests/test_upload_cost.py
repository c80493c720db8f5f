"""Upload cost (issue #13, row 7): a pixel budget for all the photos of one request,
read from their headers before any is decoded, and a per-reader submission rate limit.
A refusal says why and stores nothing."""

import io

import pytest
from PIL import Image

from newsdesk.contributions import services
from newsdesk.contributions.models import Submission, SubmissionPhoto
from newsdesk.contributions.services import TOO_MANY_PIXELS_IN_ALL
from newsdesk.contributions.tests.factories import reader, upload
from newsdesk.contributions.views import UPLOADS_RATE_LIMITED
from newsdesk.images.models import CustomImage

pytestmark = pytest.mark.django_db


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")  # tiny file, many pixels
    return out.getvalue()


def _pictures_post(files) -> dict:
    data = {
        "title": "Storm over the bay",
        "rights_confirmed": "on",
        "photos-TOTAL_FORMS": str(max(len(files), 1)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
    }
    for i, file in enumerate(files):
        data[f"photos-{i}-file"] = file
        data[f"photos-{i}-caption"] = f"Photo {i}"
    return data


@pytest.fixture
def reader_client(client):
    client.force_login(reader().user)
    return client


@pytest.fixture
def decodes(monkeypatch):
    """Every photo the service sends to be decoded (a spy: the real function still runs)."""
    seen = []
    real = services.sanitise_image_upload

    def spy(uploaded, **kwargs):
        seen.append(uploaded.name)
        return real(uploaded, **kwargs)

    monkeypatch.setattr(services, "sanitise_image_upload", spy)
    return seen


def _media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_eight_6300_px_pngs_are_refused_from_their_headers_before_any_decoding(
    reader_client, settings, decodes
):
    # The review's reproduction: each file is under the per-photo cap (40 Mpx), together
    # they are 318 Mpx, which took 24 s of a worker and 490 MB.
    big = _png(6300, 6300)
    files = [upload(big, name=f"big{i}.png") for i in range(8)]
    response = reader_client.post("/contribute/pictures/", _pictures_post(files))
    assert response.status_code == 200
    expected = TOO_MANY_PIXELS_IN_ALL.format(total="318", limit="100")
    assert expected in response.content.decode()
    assert decodes == []
    assert not Submission.objects.exists()
    assert not SubmissionPhoto.objects.exists() and not CustomImage.objects.exists()
    assert _media_files(settings) == []


def test_the_budget_counts_the_photos_together_not_one_by_one(reader_client, settings, decodes):
    settings.NEWSDESK_UPLOAD_REQUEST_MAX_PIXELS = 5_000_000
    settings.NEWSDESK_UPLOAD_MAX_PIXELS = 4_000_000
    files = [upload(_png(1500, 1500), name=f"p{i}.png") for i in range(3)]  # 2.25 Mpx each
    response = reader_client.post("/contribute/pictures/", _pictures_post(files))
    assert TOO_MANY_PIXELS_IN_ALL.format(total="7", limit="5") in response.content.decode()
    assert decodes == [] and not Submission.objects.exists()

    files = [upload(_png(1500, 1500), name=f"p{i}.png") for i in range(2)]  # 4.5 Mpx
    response = reader_client.post("/contribute/pictures/", _pictures_post(files))
    assert response.status_code == 302
    assert decodes == ["p0.png", "p1.png"]
    assert SubmissionPhoto.objects.count() == 2


def test_a_reader_sending_too_often_is_refused_and_nothing_is_stored(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "contribution_submit": "2/m/user",
    }
    first, second = reader(), reader("sipho", "Sipho Dlamini")
    client.force_login(first.user)
    for _ in range(2):
        response = client.post("/contribute/pictures/", _pictures_post([upload()]))
        assert response.status_code == 302
    response = client.post("/contribute/pictures/", _pictures_post([upload()]))
    assert response.status_code == 429
    assert 55 <= int(response["Retry-After"]) <= 60  # when the first of the two leaves
    assert str(UPLOADS_RATE_LIMITED) in response.content.decode()
    assert Submission.objects.count() == 2 and CustomImage.objects.count() == 2
    assert client.get("/contribute/pictures/").status_code == 200  # reading is not limited

    client.force_login(second.user)  # the limit is per reader
    response = client.post("/contribute/pictures/", _pictures_post([upload()]))
    assert response.status_code == 302


def test_saving_a_story_draft_without_photos_is_not_counted(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "contribution_submit": "1/m/user",
    }
    client.force_login(reader().user)
    draft = {
        "title": "Flood in Hammarsdale",
        "body": "Water everywhere.",
        "action": "draft",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "8",
    }
    for _ in range(3):
        assert client.post("/contribute/story/", draft).status_code == 302
    with_photo = {**draft, "photos-TOTAL_FORMS": "1", "photos-0-file": upload()}
    with_photo["photos-0-caption"] = "Bridge"
    assert client.post("/contribute/story/", with_photo).status_code == 302
    with_photo["photos-0-file"] = upload()
    response = client.post("/contribute/story/", with_photo)
    assert response.status_code == 429
    assert str(UPLOADS_RATE_LIMITED) in response.content.decode()
