"""The picture form at 390 px: problems are found before the photos leave the browser, so
the chosen files are never lost to a round trip."""

import pytest
from django.apps import apps
from django.test import Client

from newsdesk.contributions import services
from newsdesk.contributions.models import Submission
from newsdesk.contributions.review import contribution_review_ensure
from newsdesk.contributions.tests.factories import jpeg_with_gps, reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_checks_the_picture_form_before_sending(live_site, home_page, browser):
    contribution_review_ensure(apps)
    client = Client()
    client.force_login(reader().user)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)
    page.goto(live_site.url + "/contribute/pictures/")
    page.fill("#id_title", "Storm over the bay")
    page.locator("#id_photos-0-file").set_input_files(
        files=[{"name": "storm.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    page.get_by_role("button", name="Send to the editors").click()

    box = page.locator("[data-client-errors]")
    assert box.is_visible()
    text = box.inner_text()
    assert str(services.RIGHTS_REQUIRED) in text
    assert services.CAPTION_REQUIRED.format(name="storm.jpg") in text
    assert requests == []  # nothing was sent, so the chosen photo is still chosen
    assert page.locator("#id_photos-0-file").evaluate("input => input.files[0].name") == (
        "storm.jpg"
    )

    page.fill("#id_photos-0-caption", "Lightning over the harbour")
    page.locator("#id_rights_confirmed").check()
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_url("**/contribute/mine/")
    assert Submission.objects.get().title == "Storm over the bay"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
