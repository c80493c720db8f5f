"""A moderator's morning against `newsdesk serve` as the README starts it.

The demo moderator signs in to the admin, opens the held-for-review queue, reads each
reader's record in the history column, and rejects one comment with the keyboard alone:
j to the first row, r for the reject form (focus on the reason), a reason, Enter on Reject.
The comment leaves the queue and the log names the reason in words. Then one more, ticked
first, rejected with Enter in its note.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOTS = harness.REPO / "docs" / "screenshots"

# Three comments held for review: the demo reader is put under pre-moderation first (and
# the demo's fresh account may post three in a row).
HOLD_THREE = """
import django
django.setup()
from django.contrib.auth import get_user_model
from wagtail.models import Site
from newsdesk.articles.models import ArticlePage
from newsdesk.discussions import services
from newsdesk.discussions.models import CommenterSettings, DiscussionSettings
for site in Site.objects.all():
    rules = DiscussionSettings.for_site(site)
    rules.rate_limit_per_minute = rules.new_account_rate_limit_per_minute = 0
    rules.save()
reader = get_user_model().objects.get(email="thandi@example.com")
CommenterSettings.objects.update_or_create(user=reader, defaults={"premoderated": True})
article = ArticlePage.objects.live().order_by("-first_published_at").first()
from newsdesk.sanctions.services import sanction_create
sanction_create(user=reader, kind="warning", reason="Keep it civil, please.")
for text in (
    "The council should publish the full report before the vote.",
    "Buy cheap watches at my shop, best prices in town!",
    "Thanks for covering this; the figures match what we see at the clinic.",
):
    services.comment_post(author=reader, article=article, body=text)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data: Path = tmp_path_factory.mktemp("moderation")
    environment = harness.env(data)
    port = _free_port()
    process = harness.start_server(environment, port, wait=900)
    try:
        subprocess.run(
            [sys.executable, "-c", HOLD_THREE],
            env=environment,
            cwd=harness.REPO,
            check=True,
            timeout=300,
        )
        yield f"http://127.0.0.1:{port}"
    finally:
        harness.stop_server(process)


def test_a_moderator_rejects_a_held_comment_with_the_keyboard(served, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(served + "/admin/login/?next=/admin/comments/")
        page.fill('input[name="username"]', "moderator")
        page.fill('input[name="password"]', "newsdesk-demo")
        page.locator('button[type="submit"]').first.click()
        page.wait_for_url(served + "/admin/comments/")

        rows = page.locator("tr[data-moderation-row]")
        assert rows.count() == 3
        history = rows.first.locator(".moderation-history")
        assert "Pre-moderated by a moderator" in history.inner_text()
        assert "approved" in history.inner_text() and "Account" in history.inner_text()
        assert "Warning" in history.inner_text()
        assert history.get_by_role("link", name="All their comments").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "moderation-queue-history.png"))

        page.keyboard.press("?")
        assert page.locator("[data-moderation-help]").is_visible()
        page.keyboard.press("Escape")
        assert not page.locator("[data-moderation-help]").is_visible()

        page.keyboard.press("j")
        page.keyboard.press("j")
        second = rows.nth(1)
        assert second.evaluate("row => row === document.activeElement")
        target = second.get_attribute("data-comment-id")
        assert "cheap watches" in second.inner_text()
        page.keyboard.press("r")
        reason = second.locator("select")
        assert reason.evaluate("select => select === document.activeElement")
        # A letter typed on the reason picks a reason ("a": abuse); it is no shortcut there
        # ("a" on the row would approve the comment).
        page.keyboard.press("a")
        assert reason.input_value() == "abuse"
        assert page.url == served + "/admin/comments/" and rows.count() == 3
        reason.select_option("spam")
        page.keyboard.press("Tab")  # the note
        page.keyboard.press("Tab")  # the Reject button
        with page.expect_navigation():
            page.keyboard.press("Enter")

        assert "Rejected 1 comment." in page.content()
        assert page.locator(f'tr[data-comment-id="{target}"]').count() == 0
        assert page.locator("tr[data-moderation-row]").count() == 2

        # Ticking a row leaves the shortcuts on; Enter in that row's note rejects that row
        # (the form's first button is the bulk bar's, which would act on every ticked row).
        first = page.locator("tr[data-moderation-row]").first
        ticked = first.get_attribute("data-comment-id")
        first.locator('input[name="ids"]').check()
        page.keyboard.press("r")
        reason = first.locator("select")
        assert reason.evaluate("select => select === document.activeElement")
        reason.select_option("off_topic")
        page.keyboard.press("Tab")  # the note
        page.keyboard.type("Not about the story")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Rejected 1 comment." in page.content()
        assert page.locator(f'tr[data-comment-id="{ticked}"]').count() == 0
        assert page.locator("tr[data-moderation-row]").count() == 1

        page.goto(served + "/admin/comments/log/")
        assert "Off topic" in page.content()
        assert "Spam or advertising" in page.content()
    finally:
        context.close()
