"""The conversation in a real browser: comment, report, moderate, see the reason, close."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import Comment, DiscussionSettings
from newsdesk.discussions.roles import grant_permissions
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.editorial.roles import EDITORS, MODERATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/nd-issue4-shots")
COMMENT = "The alliance needs a clear plan for the Okinawa bases, see https://example.org/plan"


def sign_in(browser, live_site, user):
    """A browser context whose session belongs to ``user`` (no sign-in pages needed)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    return context


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_reader_comments_another_reports_moderator_rejects_and_editor_closes(
    live_site, section, page, browser
):
    grant_permissions(apps)  # the flush of earlier committing tests took them away
    site = Site.objects.get(is_default_site=True)
    settings = DiscussionSettings.for_site(site)
    settings.rate_limit_per_minute = 50
    settings.save()
    article = article_factory(section=section, title="Japan, US to modernise military alliance")
    author = reader_factory(username="amani")
    reporter = reader_factory(username="bongani")
    moderator = reader_factory(username="mo")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    editor = reader_factory(username="ed")
    editor.groups.add(Group.objects.get(name=EDITORS))

    # An anonymous reader sees the box, the count and an invitation to sign in.
    page.goto(live_site.url + article.url)
    expect(page.get_by_role("heading", name="Join the conversation!")).to_be_visible()
    expect(page.locator(".conversation__count")).to_have_text("0 comments")
    expect(page.locator("#comments").get_by_role("link", name="Sign in")).to_be_visible()

    # The author comments.
    author_context = sign_in(browser, live_site, author)
    author_page = author_context.new_page()
    errors = []
    author_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    author_page.goto(live_site.url + article.url)
    author_page.get_by_label("Your comment, as Amani").fill(COMMENT)
    author_page.get_by_role("button", name="Post comment").click()
    expect(
        author_page.get_by_role("status").filter(has_text="Your comment is published.")
    ).to_be_visible()
    expect(author_page.locator(".conversation__count")).to_have_text("1 comment")
    link = author_page.locator(".comment__body a")
    expect(link).to_have_attribute("rel", "nofollow ugc noopener")
    shot(author_page, "1-author-commented")
    comment = Comment.objects.get()

    # Another reader reports it.
    reporter_context = sign_in(browser, live_site, reporter)
    reporter_page = reporter_context.new_page()
    reporter_page.goto(live_site.url + article.url)
    reporter_page.get_by_role("link", name="Report Comment").click()
    reporter_page.get_by_label("Abuse or harassment").check()
    shot(reporter_page, "2-report-form")
    reporter_page.get_by_role("button", name="Send report").click()
    expect(
        reporter_page.get_by_text("Thank you. A moderator will review this comment.")
    ).to_be_visible()
    assert comment.reports.get().reason == "abuse"

    # A moderator holds it from the reported queue, then rejects it with a reason.
    moderator_context = sign_in(browser, live_site, moderator)
    admin = moderator_context.new_page()
    admin.goto(live_site.url + "/admin/comments/?queue=reported")
    row = admin.locator(f"#comment-{comment.pk}")
    expect(row).to_contain_text("Report: Abuse or harassment")
    row.get_by_role("button", name="Hold").click()
    expect(admin.get_by_text("Held 1 comment for review.")).to_be_visible()
    admin.goto(live_site.url + "/admin/comments/?queue=pending")
    row = admin.locator(f"#comment-{comment.pk}")
    row.get_by_text("Reject…").click()  # the row's reject form opens on its reason
    row.get_by_label(f"Rejection reason for comment {comment.pk}").select_option("abuse")
    row.get_by_label(f"Note to the author of comment {comment.pk}").fill("Please argue the point.")
    shot(admin, "3-moderation-queue")
    row.get_by_role("button", name="Reject", exact=True).click()
    expect(admin.get_by_text("Rejected 1 comment.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == "rejected"

    # The author sees the reason on their own comments page; the thread no longer shows it.
    author_page.goto(live_site.url + "/comments/mine/")
    expect(author_page.get_by_text("Why it was not published:")).to_be_visible()
    expect(author_page.locator(".my-comments__reasons")).to_contain_text(
        "Abuse, harassment or hate. Please argue the point."
    )
    shot(author_page, "4-my-comments")

    # An editor closes comments: the form goes, and a forced POST stores nothing.
    editor_context = sign_in(browser, live_site, editor)
    editor_page = editor_context.new_page()
    editor_page.goto(live_site.url + f"/admin/pages/{article.pk}/edit/")
    # The article's header "Actions" menu carries "Comments: close or reopen".
    editor_page.get_by_role("button", name="Actions", exact=True).click()
    editor_page.get_by_role("link", name="Comments: close or reopen").click()
    editor_page.get_by_label("Close comments on this article").check()
    editor_page.get_by_role("button", name="Save").click()
    expect(editor_page.get_by_text(re.compile("are now closed"))).to_be_visible()

    author_page.goto(live_site.url + article.url)
    expect(author_page.get_by_text("Comments have been closed for this article.")).to_be_visible()
    expect(author_page.locator(".conversation__form textarea")).to_have_count(0)
    shot(author_page, "5-closed")
    assert errors == []
    status = author_page.evaluate(
        """async (id) => {
            const me = await (await fetch(`/comments/${id}/me.json`)).json();
            const body = new FormData();
            body.append("body", "Forced through a closed door");
            const r = await fetch(`/comments/${id}/post/`, {method: "POST", body,
                headers: {"X-CSRFToken": me.csrf_token, "Accept": "application/json"}});
            return r.status;
        }""",
        article.pk,
    )
    assert status == 403
    assert not Comment.objects.filter(body__contains="Forced").exists()
    assert page.console_errors == []
    for context in (author_context, reporter_context, moderator_context, editor_context):
        context.close()
