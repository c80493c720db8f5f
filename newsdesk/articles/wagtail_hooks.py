"""Buttons other apps add to an article in the admin, through ARTICLE_ADMIN_BUTTONS.

Articles own the question "is this an article?", so apps above (discussions, say) add
buttons without comparing class names or importing the page model.
"""

from wagtail import hooks

from newsdesk.articles.models import ArticlePage
from newsdesk.core.hooks import ARTICLE_ADMIN_BUTTONS


def _article_buttons(page, user):
    if page.specific_class is None or not issubclass(page.specific_class, ArticlePage):
        return
    for fn in hooks.get_hooks(ARTICLE_ADMIN_BUTTONS):
        yield from fn(page=page, user=user)


@hooks.register("register_page_header_buttons")
def article_header_buttons(page, user, view_name, next_url=None):
    yield from _article_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def article_listing_buttons(page, user, next_url=None):
    yield from _article_buttons(page, user)
