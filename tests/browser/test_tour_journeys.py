"""Issue #14's nine faults, each walked through again against `newsdesk serve` as the
README starts it, on the host and port it prints (the session's server: conftest.py).

One test per item of "What readers, editors and moderators meet", named after it. The
journeys use the demo's content and accounts and sign in through the real sign-in pages,
at 390 px where the item is about phones. They share one server, so each one works on its
own comment or story and asserts on what it changed, never on totals another may move.
"""

from __future__ import annotations

import io
import json
import re
import time
from contextlib import contextmanager
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "newsdesk-demo"  # the demo accounts' published password (README)
READER_EMAIL = "thandi@example.com"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The handle a reader never chose: generated usernames, and the demo readers' own.
INTERNAL_HANDLE = re.compile(r"\breader-[\w.]+")
# A stored code where words belong ("site_ban: ...", "off_topic: ...").
RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+:")
EXPECTED_STATUS = re.compile(r"Failed to load resource: .* status of 40[34] ")
MAIL = re.compile(r"^Content-Type: .*?^-{79}$", re.S | re.M)


# --- Browsers and the demo's people ------------------------------------------------------


@contextmanager
def visit(browser, served, *, who: str = "", size=DESKTOP, javascript: bool = True):
    """A browser of its own (cookies and all), signed in as ``who`` through the real pages:
    "reader" is the demo reader, any other name a demo staff account."""
    context = browser.new_context(java_script_enabled=javascript, **size)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    try:
        if who == "reader":
            page.goto(served.url + "/accounts/login/")
            page.fill('input[name="login"]', READER_EMAIL)
            page.fill('input[name="password"]', PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        elif who:
            page.goto(served.url + "/admin/login/")
            page.fill('input[name="username"]', who)
            page.fill('input[name="password"]', PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(re.compile(r"/admin/$"))
        yield page
    finally:
        context.close()


def _path(url: str) -> str:
    return urlsplit(url).path


def _lead_story(page, served) -> str:
    """The demo's lead story: today's, with the readers' thread still going."""
    page.goto(served.url + "/")
    return _path(page.locator(".card--lead .card__title a").first.get_attribute("href"))


def _story_with_my_comment(page, served, text: str) -> tuple[str, int]:
    """(thread path, article id) of the story where the signed-in reader wrote ``text``."""
    page.goto(served.url + "/comments/mine/")
    mine = page.locator("ol.my-comments > li").filter(has_text=text)
    link = mine.locator('a[href*="/comments/"]').first
    thread = _path(link.get_attribute("href"))
    return thread, int(re.search(r"/comments/(\d+)/", thread).group(1))


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _menu_reaches_every_section(page) -> None:
    """The compact masthead's Menu opens the sections, each in reach of a thumb."""
    sections = page.get_by_role("navigation", name="Sections menu")
    assert not sections.is_visible()
    page.get_by_text("Menu", exact=True).click()
    links = sections.get_by_role("link")
    assert links.count() >= 5
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert links.nth(index).is_visible() and box["x"] >= 0 and box["x"] + 10 < 390, box


def _reported_queue(page, served) -> set[int]:
    """The ids in the moderators' Reported queue, after checking its tab counts them."""
    page.goto(served.url + "/admin/comments/?queue=reported")
    rows = page.locator("tr[data-comment-id]")
    ids = {int(value) for value in rows.evaluate_all("rs => rs.map(r => r.dataset.commentId)")}
    tab = page.get_by_role("link", name=re.compile(r"^Reported")).first.inner_text()
    shown = re.search(r"\((\d+)\)", tab)
    assert int(shown.group(1) if shown else 0) == len(ids), tab
    for index in range(rows.count()):
        assert "Report:" in rows.nth(index).inner_text()
    return ids


def _in_view(page, number: int, timeout: float = 5.0) -> bool:
    """Whether photo ``number`` settles at the strip's left edge (as after a swipe).

    Polled from Python: page.wait_for_function does not poll when JavaScript is off.
    """
    check = """n => {
        const t = document.querySelector('[data-viewer-track]').getBoundingClientRect();
        const s = document.getElementById('photo-' + n).getBoundingClientRect();
        return Math.abs(s.left - t.left) < 2;
    }"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(check, number):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _hash_becomes(page, expected: str, timeout: float = 5.0) -> bool:
    """Polled from Python: the site's CSP forbids the eval that wait_for_function needs."""
    deadline = time.monotonic() + timeout
    while page.evaluate("location.hash") != expected:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


# --- The items ---------------------------------------------------------------------------


def test_item_1_the_reported_queue_lists_only_comments_with_an_open_report(served, browser):
    with visit(browser, served, who="moderator") as moderator:
        before = _reported_queue(moderator, served)
        with visit(browser, served, who="reader", size=PHONE) as reader:
            reader.goto(served.url + _lead_story(reader, served))
            reader.locator(".conversation .comment").first.wait_for()
            ids = reader.locator(".conversation .comment:has(.comment__report)").evaluate_all(
                "cs => cs.map(c => Number(c.dataset.commentId))"
            )
            reported = next(pk for pk in ids if pk not in before)
            reader.locator(f"#comment-{reported}").get_by_role(
                "link", name="Report Comment"
            ).click()
            reader.get_by_label("Abuse or harassment").check()
            reader.get_by_role("button", name="Send report").click()
            expect(
                reader.get_by_text("Thank you. A moderator will review this comment.")
            ).to_be_visible()
        assert _reported_queue(moderator, served) == before | {reported}
        expect(moderator.locator(f"#comment-{reported}")).to_contain_text(
            "Report: Abuse or harassment"
        )


def test_item_2_signing_in_from_the_comment_box_comes_back_to_the_article(served, browser):
    with visit(browser, served, size=PHONE) as page:
        story = _lead_story(page, served)
        page.goto(served.url + story)
        sign_in = page.locator(".conversation").get_by_role("link", name="Sign in")
        assert sign_in.get_attribute("href").startswith("/accounts/login/?next=/")
        sign_in.click()
        page.fill('input[name="login"]', READER_EMAIL)
        page.fill('input[name="password"]', PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(served.url + story)
        page.locator(".conversation textarea").wait_for(timeout=15000)
        # The page names the address being served, not the Site row's old localhost:80.
        canonical = page.locator('link[rel="canonical"]').get_attribute("href")
        assert canonical == served.url + story
        assert "http://localhost/" not in page.content()


def test_item_3_unknown_pages_and_refused_forms_get_the_branded_pages_on_a_phone(served, browser):
    with visit(browser, served, size=PHONE) as page:
        response = page.goto(served.url + "/no-such-story/")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
        _fits_the_phone(page)
        _menu_reaches_every_section(page)
        page.locator("#error-q").fill("water")
        page.locator(".error__search").get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=water")
        # A form sent without its token (cookies blocked, or cleared since): the site's 403.
        page.goto(served.url + "/accounts/login/")
        page.context.clear_cookies()
        page.fill('input[name="login"]', READER_EMAIL)
        page.fill('input[name="password"]', PASSWORD)
        with page.expect_navigation() as refused:
            page.get_by_role("button", name="Sign in").click()
        assert refused.value.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("You can't open this page")
        assert "CSRF" not in page.content()
        _fits_the_phone(page)
        _menu_reaches_every_section(page)
        # Chromium logs each error status as "Failed to load resource": those two are the
        # pages asked for; anything else (a script error, a missing file) is a fault.
        unexpected = [e for e in page.console_errors if not EXPECTED_STATUS.match(e)]
        assert unexpected == []


def test_item_4_the_gallery_is_a_full_width_viewer_on_a_phone(served, browser):
    with visit(browser, served, size=PHONE) as page:
        page.goto(served.url + "/galleries/")
        gallery = _path(page.locator(".card__title a").first.get_attribute("href"))
        page.goto(served.url + gallery + "#photo-2")
        _fits_the_phone(page)
        photos = page.locator(".viewer__slide").count()
        assert photos >= 3
        assert page.locator("#photo-2 img").bounding_box()["width"] == pytest.approx(390, abs=1)
        assert _in_view(page, 2)  # a shared link opens on its photo
        caption = page.locator("#photo-2 figcaption")
        assert caption.is_visible() and f"2 of {photos}" in caption.inner_text()
        # A swipe scrolls the strip sideways: the address follows the photo in view.
        page.evaluate(
            "const t = document.querySelector('[data-viewer-track]');"
            "t.scrollTo({left: t.clientWidth * 2, behavior: 'instant'})"
        )
        assert _hash_becomes(page, "#photo-3")
        assert page.console_errors == []
    with visit(browser, served, size=PHONE, javascript=False) as page:
        page.goto(served.url + gallery)
        assert page.locator(".viewer__slide img").count() == photos
        page.locator("#photo-1").get_by_role("link", name="Next →").click()
        assert _in_view(page, 2)


def test_item_5_the_api_docs_render_from_the_sites_own_files(served, browser):
    with visit(browser, served) as page:
        outside: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((served.url, "data:")) else outside.append(r.url),
        )
        response = page.goto(served.url + "/api/docs/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator(".opblock").first.wait_for(timeout=15000)
        assert page.locator(".opblock-summary-path").count() > 0
        assert outside == []
        assert page.console_errors == []


def test_item_6_readers_are_named_by_their_profile_and_reasons_in_words(served, browser):
    # A new reader signs up: the page (and the mail, on serve's console) never names the
    # generated username.
    email = f"tour-{uuid4().hex[:8]}@example.com"
    with visit(browser, served, size=PHONE) as page:
        page.goto(served.url + "/accounts/signup/")
        page.fill('input[name="email"]', email)
        page.fill('input[name="password1"]', "a long and new demo password")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(lambda url: "/accounts/signup/" not in url)
        assert not INTERNAL_HANDLE.search(page.locator("body").inner_text())
    if served.log is not None:
        deadline = time.monotonic() + 60
        while not (mails := [m for m in MAIL.findall(served.log.read_text()) if email in m]):
            assert time.monotonic() < deadline, "no confirmation mail on serve's console"
            time.sleep(0.5)
        assert not INTERNAL_HANDLE.search(mails[0]), mails[0]

    with visit(browser, served, who="moderator") as moderator:
        moderator.goto(served.url + "/admin/comments/?queue=published")
        row = moderator.locator("tr[data-comment-id]").filter(has_text="Lindiwe Khumalo").first
        pk = row.get_attribute("data-comment-id")
        assert not INTERNAL_HANDLE.search(moderator.locator("main").inner_text())
        row.get_by_text("Reject…").click()  # the row's reject form opens on its reason
        reason = row.get_by_label(f"Rejection reason for comment {pk}")
        assert reason.input_value() == ""  # no reason is chosen for the moderator
        reason.select_option(label="Off topic")
        row.get_by_role("button", name="Reject", exact=True).click()
        expect(moderator.get_by_text("Rejected 1 comment.")).to_be_visible()

        moderator.goto(served.url + "/admin/comments/?queue=rejected")
        moderator.locator(f"#comment-{pk}").get_by_role("link", name="Sanction author").click()
        assert not INTERNAL_HANDLE.search(moderator.title())
        expect(moderator.locator("main")).to_contain_text("Lindiwe Khumalo")
        moderator.get_by_label("Reason (the reader is told)").fill("Repeatedly off topic.")
        moderator.get_by_role("button", name="Record sanction").click()
        sanctions = moderator.locator("main").inner_text()
        assert not INTERNAL_HANDLE.search(sanctions) and not RAW_CODE.search(sanctions)

        moderator.goto(served.url + "/admin/comments/log/")
        log = moderator.locator("main").inner_text()
        assert "Lindiwe Khumalo" in log and "Off topic" in log
        assert not INTERNAL_HANDLE.search(log), INTERNAL_HANDLE.findall(log)
        assert not RAW_CODE.search(log), RAW_CODE.findall(log)


def test_item_7_a_closed_thread_offers_no_reply_or_edit(served, browser):
    mine = f"Tour check {uuid4().hex[:6]}: the repairs are holding on our street."
    with visit(browser, served, who="reader", size=PHONE) as reader:
        thread, article = _story_with_my_comment(reader, served, "We will see how long")
        reader.goto(served.url + thread)
        reader.locator(".conversation textarea").fill(mine)
        reader.get_by_role("button", name="Post comment").click()
        conversation = reader.locator(".conversation")
        expect(conversation.locator(".comment").filter(has_text=mine)).to_be_visible()
        expect(conversation.get_by_role("link", name="Edit", exact=True).first).to_be_visible()
        expect(conversation.get_by_role("link", name="Reply").first).to_be_visible()

        with visit(browser, served, who="editor") as editor:
            editor.goto(served.url + f"/admin/pages/{article}/edit/")
            # The page header's "Actions" menu (the inline panels have their own).
            header = editor.get_by_role("navigation", name="Actions", exact=True)
            header.get_by_role("button", name="Actions").click()
            editor.get_by_role("link", name="Comments: close or reopen").click()
            editor.get_by_label("Close comments on this article").check()
            editor.get_by_role("button", name="Save").click()
            expect(editor.get_by_text(re.compile("are now closed"))).to_be_visible()

        reader.goto(served.url + thread)
        story = _path(reader.get_by_role("link", name="Back to the story").get_attribute("href"))
        for path in (story, thread):
            reader.goto(served.url + path)
            conversation.get_by_text(mine).wait_for()
            expect(conversation.get_by_text("closed").first).to_be_visible()
            assert conversation.get_by_role("link", name="Reply").count() == 0
            assert conversation.get_by_role("link", name="Edit", exact=True).count() == 0
        assert reader.console_errors == []


def test_item_8_the_picture_form_keeps_the_chosen_photos_on_a_phone(served, browser):
    with visit(browser, served, who="reader", size=PHONE) as page:
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        page.goto(served.url + "/contribute/pictures/")
        page.fill("#id_title", "Storm over the bay")
        page.locator("#id_photos-0-file").set_input_files(
            files=[{"name": "storm.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}]
        )
        page.get_by_role("button", name="Send to the editors").click()
        problems = page.locator("[data-client-errors]")
        expect(problems).to_be_visible()
        assert "storm.jpg" in problems.inner_text()
        assert posts == []  # nothing left the browser, so the photo is still chosen
        chosen = page.locator("#id_photos-0-file").evaluate("input => input.files[0].name")
        assert chosen == "storm.jpg"
        _fits_the_phone(page)

        page.fill("#id_photos-0-caption", "Lightning over the harbour")
        page.locator("#id_rights_confirmed").check()
        page.get_by_role("button", name="Send to the editors").click()
        page.wait_for_url("**/contribute/mine/")
        expect(page.get_by_text("Storm over the bay").first).to_be_visible()


def test_item_9_the_phone_masthead_is_compact_with_a_menu_and_my_links(served, browser):
    with visit(browser, served, who="reader", size=PHONE) as page:
        page.goto(served.url + "/")
        _fits_the_phone(page)
        assert page.locator(".masthead").bounding_box()["height"] <= 80
        _menu_reaches_every_section(page)
        page.locator(".account-menu__toggle").click()
        for name, path in (
            ("My comments", "/comments/mine/"),
            ("My contributions", "/contribute/mine/"),
        ):
            link = page.get_by_role("link", name=name)
            box = link.bounding_box()
            assert link.is_visible() and link.get_attribute("href") == path
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.console_errors == []


def test_a_byline_leads_to_the_author_page_with_their_stories_and_feeds(served, browser):
    with visit(browser, served, size=PHONE) as page:
        story = _lead_story(page, served)
        page.goto(served.url + story)
        byline = page.locator(".story__byline a").first
        name, author = byline.inner_text(), byline.get_attribute("href")
        assert re.fullmatch(r"/authors/[\w-]+/", author), author
        # Search engines get the same page: the NewsArticle's author names its URL.
        blocks = page.locator('script[type="application/ld+json"]').all_inner_texts()
        objects = [json.loads(block) for block in blocks]
        items = [i for o in objects for i in (o if isinstance(o, list) else [o])]
        news = next(item for item in items if item.get("@type") == "NewsArticle")
        assert {"@type": "Person", "name": name, "url": served.url + author} in news["author"]

        byline.click()
        page.wait_for_url(served.url + author)
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert page.locator(f'.card__title a[href$="{story}"]').count() == 1
        _fits_the_phone(page)
        # Feed readers find the author's own feeds in the head.
        for kind in ("application/rss+xml", "application/atom+xml", "application/feed+json"):
            href = page.locator(f'link[rel="alternate"][type="{kind}"]').first.get_attribute("href")
            assert _path(href).startswith("/feeds/author/")
            feed = page.request.get(served.url + _path(href))
            assert feed.ok and feed.headers["content-type"].startswith(kind)
            assert name in feed.text()
