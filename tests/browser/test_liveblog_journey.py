"""A live blog against ``newsdesk serve`` as the README starts it: a reporter posts three
entries from the admin desk while a reader's page is open; the reader's page says
"3 new updates", shows them newest first on a click, and the key event joins the summary."""

from __future__ import annotations

import re
import socket

import pytest
import requests
from playwright.sync_api import expect
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.reliability import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BLOG_PATH = "/business/budget-speech-2026-live-updates/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("liveblog-serve")
    port = _free_port()
    process = harness.start_server(harness.env(data), port, wait=900)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        harness.stop_server(process)


def _reporter(base: str) -> requests.Session:
    session = requests.Session()
    login = session.get(base + "/admin/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = session.post(
        base + "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": "editor", "password": "newsdesk-demo"},
        headers={"Referer": base + "/admin/login/"},
        timeout=60,
    )
    assert "/admin/login/" not in response.url, "the demo editor could not sign in"
    return session


def _post_entry(session, base: str, desk: str, *, text: str, title: str = "", key=False):
    form = session.get(base + desk, timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = nested_form_data(
        {
            "title": title,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "author": "",
            **({"is_key_event": "on"} if key else {}),
        }
    )
    data["csrfmiddlewaretoken"] = token
    response = session.post(base + desk, data=data, headers={"Referer": base + desk}, timeout=60)
    assert response.status_code == 200 and "Entry published." in response.text, response.text[
        -2000:
    ]


def test_a_reader_sees_three_new_updates_posted_by_a_reporter(served, page):
    page.goto(served + BLOG_PATH)
    article = page.locator("[data-liveblog]")
    blog_id = re.search(r"/live/blogs/(\d+)/", article.get_attribute("data-entries-url")).group(1)
    expect(page.locator(".liveblog__stream .entry")).to_have_count(8)
    before = page.locator(".liveblog__stream").bounding_box()

    reporter = _reporter(served)
    desk = f"/admin/live-blogs/{blog_id}/"
    _post_entry(reporter, served, desk, text="First of three")
    _post_entry(reporter, served, desk, text="Fuel levy frozen", title="Fuel levy", key=True)
    _post_entry(reporter, served, desk, text="Third of three")

    button = page.get_by_role("button", name="3 new updates")
    expect(button).to_be_visible(timeout=40_000)
    # The button floats over the page: its arrival moved no text.
    assert page.locator(".liveblog__stream").bounding_box()["y"] == before["y"]
    button.click()
    entries = page.locator(".liveblog__stream .entry")
    expect(entries).to_have_count(11)
    expect(entries.nth(0)).to_contain_text("Third of three")
    expect(entries.nth(1)).to_contain_text("Fuel levy frozen")
    expect(entries.nth(2)).to_contain_text("First of three")
    expect(button).to_be_hidden()
    expect(page.locator("[data-key-events]")).to_contain_text("Fuel levy")
    assert page.console_errors == []
