"""The base page every public newsdesk page inherits: one place for shared behaviour."""

from wagtail.models import Page


class BasePage(Page):
    """Abstract base for newsdesk pages.

    Cache headers are set for every public page by ``caching.middleware``; this class
    exists so behaviour common to all page types has one home.
    """

    class Meta:
        abstract = True
