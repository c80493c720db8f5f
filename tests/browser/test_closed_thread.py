"""A closed thread in the browser: no Reply or Edit anywhere, the reason instead."""

import pytest
from django.test import Client

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions import services
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_closed_thread_offers_no_reply_or_edit(live_site, section, browser):
    article = article_factory(section=section, title="Council passes budget")
    author = reader_factory(username="zola")
    comment_factory(article=article, author=author, body="My own comment")
    comment_factory(article=article, author=reader_factory(), body="Someone else's")
    services.discussion_update(page=article, user=None, closed=True)
    client = Client()
    client.force_login(author)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    page = context.new_page()
    for path in (article.url, f"/comments/{article.pk}/thread/"):
        page.goto(live_site.url + path)
        conversation = page.locator(".conversation")
        conversation.get_by_text("Someone else's").wait_for()
        assert conversation.get_by_text(str(services.CLOSED)).first.is_visible()
        assert conversation.get_by_role("link", name="Reply").count() == 0
        assert conversation.get_by_role("link", name="Edit", exact=True).count() == 0
    context.close()
