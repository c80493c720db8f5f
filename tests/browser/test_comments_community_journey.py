"""Readers recommend each other's comments, sort the thread, an editor picks one."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import Comment, DiscussionSettings
from newsdesk.discussions.roles import grant_permissions
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.editorial.roles import EDITORS
from tests.browser.test_comments_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CONSOLE_ERRORS: list[str] = []
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _post(page, text):
    page.locator(".conversation__form textarea").fill(text)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment__body", has_text=text)).to_be_visible()


def _recommend(page, comment, expected):
    button = page.locator(f"#comment-{comment.pk} [data-action=recommend]")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text(expected)


def _reader_page(browser, live_site, user):
    page = sign_in(browser, live_site, user).new_page()
    # These readers reload within seconds of each other's writes, inside the thread's
    # max-age and stale-while-revalidate: without the browser cache they see them at once.
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.cdp_session = session  # kept alive with the page
    page.on("console", lambda m: CONSOLE_ERRORS.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: CONSOLE_ERRORS.append(str(error)))
    return page


def test_readers_recommend_sort_and_an_editor_picks_a_comment(live_site, section, browser):
    CONSOLE_ERRORS.clear()
    grant_permissions(apps)  # the flush of earlier committing tests took them away
    rules = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
    rules.rate_limit_per_minute = 50
    rules.save()
    article = article_factory(section=section, title="Water restrictions for the summer")
    amani, bongani = reader_factory(username="amani"), reader_factory(username="bongani")
    editor = reader_factory(username="ed")
    editor.groups.add(Group.objects.get(name=EDITORS))
    url = live_site.url + article.url

    pages = {}
    for reader, text in (
        (amani, "Fix the leaking pipes before asking households to save."),
        (bongani, "The dam levels were published weeks ago; this was foreseeable."),
    ):
        page = _reader_page(browser, live_site, reader)
        page.goto(url)
        _post(page, text)
        pages[reader.username] = page
    first = Comment.objects.get(author=amani)
    second = Comment.objects.get(author=bongani)

    # Each recommends the other's comment; their own cannot be pressed.
    pages["amani"].reload()
    _recommend(pages["amani"], second, "1 recommend")
    own = pages["amani"].locator(f"#comment-{first.pk} [data-action=recommend]")
    expect(own).to_have_attribute("aria-disabled", "true")
    pages["bongani"].reload()
    _recommend(pages["bongani"], first, "1 recommend")
    editor_page = _reader_page(browser, live_site, editor)
    editor_page.goto(url)
    _recommend(editor_page, first, "2 recommends")

    # Newest first by default; "Most recommended" puts Amani's comment on top, in the URL.
    page = pages["bongani"]
    page.reload()
    threads = page.locator(".comment-list > .comment-thread > .comment")
    expect(threads.first).to_have_id(f"comment-{second.pk}")
    page.get_by_role("link", name="Most recommended").click()
    expect(threads.first).to_have_id(f"comment-{first.pk}")
    assert "sort=recommended" in page.url
    page.reload()  # the order survives a reload: it is in the address
    expect(page.locator(".conversation__sort.is-current")).to_have_text("Most recommended")
    expect(threads.first).to_have_id(f"comment-{first.pk}")

    # The editor picks Bongani's comment from the thread; it appears under the tab.
    editor_page.locator(f"#comment-{second.pk}").get_by_role(
        "button", name="Add to editors' picks"
    ).click()
    expect(editor_page.locator(f"#comment-{second.pk} .comment__badge")).to_have_text(
        "Editors' pick"
    )
    assert Comment.objects.get(pk=second.pk).featured
    page.get_by_role("link", name="Editors' picks").click()
    expect(page.locator(f"#comment-{second.pk}")).to_be_visible()
    expect(page.locator(f"#comment-{first.pk}")).to_have_count(0)
    assert "tab=picks" in page.url

    # Screenshots of the thread, desktop and phone, for the docs.
    page.get_by_role("link", name="All comments").click()
    expect(threads.first).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.locator("#comments").screenshot(path=str(SHOTS / "comments-thread-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#comments").screenshot(path=str(SHOTS / "comments-thread-390.png"))
    page.locator(".share").first.screenshot(path=str(SHOTS / "share-links-390.png"))
    assert CONSOLE_ERRORS == []  # no script error, nothing the CSP blocked
