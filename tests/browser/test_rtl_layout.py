"""Right-to-left safety: the stylesheet uses logical properties, so a page set in a
right-to-left script mirrors cleanly (no site is RTL yet; this keeps the door open)."""

import os

import pytest

from newsdesk.articles.tests.factories import article_factory
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("NEWSDESK_SCREENSHOTS", "")
WIDTHS = (1280, 390)


def _rtl(page, url: str) -> None:
    page.goto(url)
    page.evaluate("document.documentElement.setAttribute('dir', 'rtl')")


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", WIDTHS)
def test_home_and_article_mirror_without_overflow_in_rtl(live_site, section, browser, width):
    story = article_factory(
        section=section,
        title="A story long enough to wrap across the width of a phone screen, twice",
        lead_image=CustomImageFactory(title="Harbour"),
    )
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for name, path in (("home", "/"), ("article", story.relative_url(story.get_site()))):
            _rtl(page, live_site.url + path)
            assert _overflow(page) <= 0, f"{name} scrolls sideways at {width}px in RTL"
            brand, account = _box(page, ".masthead__brand"), _box(page, ".account-slot")
            # Mirrored: the brand starts at the right, the account links end at the left.
            assert brand["x"] > account["x"], (name, brand, account)
            assert brand["x"] + brand["width"] > width * 0.6, (name, brand)
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/rtl-{name}-{width}.png", full_page=False)
    finally:
        context.close()
