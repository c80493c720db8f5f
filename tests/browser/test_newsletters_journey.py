"""A reader's newsletter journey against `newsdesk serve` as the README starts it.

Mail goes to files (``DJANGO_EMAIL_BACKEND`` = Django's file backend, ``DJANGO_EMAIL_FILE_PATH``
a temporary folder; docs/NEWSLETTERS.md), so the journey reads what serve's processes sent:
subscribe on the public page, confirm through the mail's link, get the next briefing
(sent from the admin's Newsletter desk by the demo editor), leave with the one-click POST.
"""

from __future__ import annotations

import email
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from tests.reliability import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY_LINE = "Press Ctrl-C to stop."
READER = "journey.reader@example.com"
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve-newsletters")
    mail_dir = data / "mail"
    mail_dir.mkdir()
    port = _free_port()
    environment = harness.env(
        data,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(mail_dir),
    )
    log = data / "console.log"
    with log.open("wb") as console:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port)],
            env=environment,
            cwd=harness.REPO,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 900
        while READY_LINE not in log.read_text():
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "serve did not print its addresses in time"
            time.sleep(0.5)
        yield SimpleNamespace(url=f"http://127.0.0.1:{port}", mail_dir=mail_dir)
    finally:
        harness.stop_server(process)


def _mails(mail_dir: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip()))
    return messages


def _text(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


def _wait_for_mail(mail_dir: Path, predicate, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in _mails(mail_dir) if predicate(m)]
        if found:
            return found[-1]
        time.sleep(0.5)
    raise AssertionError("the expected mail never came")


def test_subscribe_confirm_receive_the_briefing_and_leave_in_one_click(served, page):
    # serve's worker is still indexing the demo and CI machines are busy: be patient.
    page.set_default_timeout(180_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(served.url + "/newsletters/")
    newsletter_id = page.locator("input[name=newsletter]:checked").first.get_attribute("value")
    # The page's script fetched a token from me.json and turned the form into a POST.
    page.wait_for_selector("form[data-newsletter-form][method=post]")
    page.fill("[data-newsletter-form] input[name=email]", READER)
    page.click("[data-newsletter-form] button[type=submit]")
    page.wait_for_selector("text=Check your inbox")

    confirm = _wait_for_mail(served.mail_dir, lambda m: m["To"] == READER)
    link = re.search(r"http://\S+/newsletters/confirm/\S+/", _text(confirm)).group(0)
    page.goto(link)
    page.click("text=Confirm my subscription")
    page.wait_for_selector("text=You are subscribed")

    # The demo editor sends the next briefing from the Newsletter desk.
    page.goto(served.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "newsdesk-demo")
    page.click("button[type=submit]")
    page.goto(served.url + "/admin/newsletter-desk/")
    page.click(f"form[action$='/newsletter-desk/{newsletter_id}/send/'] button")
    page.wait_for_selector("text=is being sent to")

    briefing = _wait_for_mail(
        served.mail_dir, lambda m: m["To"] == READER and m["X-Newsletter-Delivery"] is not None
    )
    assert briefing["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(http[^>]+)>", briefing["List-Unsubscribe"]).group(1)
    html = next(p for p in briefing.walk() if p.get_content_type() == "text/html")
    assert unsubscribe in html.get_payload(decode=True).decode()

    # A mail client's one-click unsubscribe: a cookieless POST, no confirmation.
    response = requests.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}, timeout=60)
    assert response.status_code == 200
    manage = re.search(r"http://\S+/newsletters/manage/\S+/", _text(briefing)).group(0)
    page.goto(manage)
    assert page.locator("input[name=newsletter]:checked").count() == 0
    # Wagtail's admin asks gravatar.com for the editor's picture; this machine has no DNS.
    assert [e for e in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in e] == []
