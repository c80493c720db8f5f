"""The site scripts speak the page's language: their strings come from the catalog."""

import pytest
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import Site

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.network.models import SiteSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scripts_render_their_strings_in_afrikaans(live_site, section, browser):
    # The site speaks Afrikaans, as Nuus does (Settings → Site settings).
    for site in Site.objects.all():
        row = SiteSettings.for_site(site)
        row.language = "af"
        row.save()
    article = article_factory(section=section, title="Raad keur begroting goed")
    reader = reader_factory(username="zola")
    comment_factory(article=article, author=reader_factory(), body="Goeie nuus vir almal")
    client = Client()
    client.force_login(reader)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_site.url + article.url)
    conversation = page.locator(".conversation")
    conversation.get_by_text("Goeie nuus vir almal").wait_for()
    # Drawn by discussions.js from the catalog, not by the template.
    conversation.get_by_role("button", name="Plaas kommentaar").wait_for()
    assert page.evaluate("window.ngettext('%(count)s comment', '%(count)s comments', 2)") == (
        "%(count)s kommentare"
    )
    # The account menu is drawn by accounts.js.
    page.locator("[data-account-slot] summary").click()
    assert page.get_by_role("link", name="Teken af").is_visible()
    page.screenshot(path="docs/screenshots/afrikaans-article-comments.png", full_page=False)
    assert errors == []
    context.close()


def test_without_the_catalog_the_scripts_speak_english_with_their_values(
    live_site, section, browser
):
    """The fallbacks fill named placeholders as Django's catalog does, never "%(count)s"."""
    article = article_factory(section=section, title="Council approves the budget")
    reader = reader_factory(username="zola")
    comment = comment_factory(article=article, author=reader_factory(), body="Good news for all")
    client = Client()
    client.force_login(reader)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    page = context.new_page()
    page.route("**/jsi18n/**", lambda route: route.abort())
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_site.url + article.url)
    conversation = page.locator(".conversation")
    conversation.get_by_role("button", name="Post comment").wait_for()
    assert page.evaluate("typeof window.interpolate") == "undefined"
    recommend = page.locator(f"#comment-{comment.pk} [data-action=recommend]")
    recommend.click()
    expect(recommend).to_have_attribute("aria-pressed", "true")
    expect(recommend).to_contain_text("1 recommend")
    assert "%(" not in conversation.inner_text() and "%s" not in conversation.inner_text()
    assert errors == []
    context.close()
