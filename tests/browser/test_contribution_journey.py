"""A reader sends a story with a GPS-tagged photo; an editor approves it in Wagtail."""

import io

import pytest
from django.apps import apps
from django.test import Client
from PIL import Image

from newsdesk.contributions.models import PublishedContribution, Submission
from newsdesk.contributions.review import contribution_review_ensure
from newsdesk.contributions.tests.factories import (
    GPS_TAG,
    editor,
    jpeg_with_gps,
    reader,
    story_text,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _log_in(context, user, base_url):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def _has_location(data: bytes) -> bool:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    return bool(exif.get_ifd(GPS_TAG)) or b"PhoneMaker" in data or "exif" in image.info


def test_reader_story_is_refused_then_sent_approved_and_published(live_site, home_page, page):
    contribution_review_ensure(apps)
    profile = reader()
    _log_in(page.context, profile.user, live_site.url)
    photo = jpeg_with_gps(size=(1600, 900))
    assert _has_location(photo)

    page.goto(live_site.url + "/contribute/story/")
    page.get_by_label("Headline").fill("Flood in Hammarsdale")
    page.get_by_label("Your story").fill(story_text(150))
    assert page.locator("[data-word-count]").inner_text() == "150 words"
    page.get_by_label("This is my own work").check()
    page.get_by_role("button", name="Send to the editors").click()
    alert = page.get_by_role("alert").first
    assert "Your story has 150 words" in alert.inner_text()
    assert "Contributions of 200 words or more will be considered" in alert.inner_text()
    assert not Submission.objects.exists()

    page.get_by_label("Your story").fill(story_text(250))
    page.locator("#id_photos-0-file").set_input_files(
        files=[{"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.locator("#id_photos-0-caption").fill("Water over the Hammarsdale bridge")
    page.get_by_label("This is my own work").check()
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_url("**/contribute/mine/")
    assert "With the editors" in page.locator(".contributions-table").inner_text()
    submission = Submission.objects.get()

    # The editor reviews it in Wagtail's admin and approves it.
    admin = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    editor_page = admin.new_page()
    _log_in(admin, editor(), live_site.url)
    editor_page.goto(live_site.url + "/admin/")
    assert "Flood in Hammarsdale" in editor_page.content()  # "Awaiting your review"
    editor_page.goto(
        f"{live_site.url}/admin/snippets/contributions/submission/edit/{submission.pk}/"
    )
    editor_page.get_by_role("button", name="More actions").click()
    editor_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    editor_page.wait_for_url("**/admin/snippets/contributions/submission/")
    admin.close()

    publication = PublishedContribution.objects.get()
    article = publication.article
    assert article.live and article.byline == "Thandi Mokoena"

    page.goto(live_site.url + article.url)
    byline = page.locator(".story__byline a[rel=author]")
    assert byline.inner_text() == "Thandi Mokoena"
    assert byline.get_attribute("href") == "/people/thandi/"
    page.get_by_role("link", name="Send us your pictures").wait_for()

    # Every served version of the photo: the page's renditions and the original file.
    urls = set()
    for img in page.locator(".story__lead img").all():
        urls.add(img.get_attribute("src"))
        for part in (img.get_attribute("srcset") or "").split(","):
            if part.strip():
                urls.add(part.strip().split()[0])
    urls.add(article.lead_image.file.url)
    assert len(urls) >= 3
    for url in urls:
        response = page.request.get(live_site.url + url if url.startswith("/") else url)
        assert response.ok, url
        assert not _has_location(response.body()), url

    byline.click()
    page.wait_for_url("**/people/thandi/")
    assert "Published contributor" in page.content()
    assert page.get_by_role("link", name="Flood in Hammarsdale").is_visible()
    assert page.console_errors == []
