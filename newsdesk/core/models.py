"""The base page every public newsdesk page inherits: one place for shared behaviour."""

from wagtail.models import Page, PageViewRestriction

from newsdesk.core.view_restrictions import page_view_restrictions_exist


class BasePage(Page):
    """Abstract base for newsdesk pages.

    Cache headers are set for every public page by ``caching.middleware``; this class
    exists so behaviour common to all page types has one home.
    """

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail's ``check_view_restrictions`` hook calls this on every serve (two
        # queries); it cannot be unregistered, so the answer is made cheap instead.
        if not page_view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
