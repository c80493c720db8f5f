"""At 390 px: a compact masthead with a Menu button, the account menu's links, and the
branded 404 page."""

import pytest
from django.test import Client

from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.sections.tests.factories import SectionPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SECTIONS = ["World", "South Africa", "Business", "Sport", "Opinion", "Multimedia", "MyNews"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _menu_opens_every_section(page):
    masthead = page.locator(".masthead").bounding_box()
    assert masthead["height"] <= 80, masthead
    sections = page.get_by_role("navigation", name="Sections menu")
    assert not sections.is_visible()
    page.get_by_text("Menu", exact=True).click()
    for title in SECTIONS:
        link = sections.get_by_role("link", name=title, exact=True)
        assert link.is_visible() and link.bounding_box()["x"] + 10 < 390
    assert page.locator("#menu-q").is_visible()


def test_the_masthead_is_compact_and_its_menu_reaches_every_section(live_site, home_page, phone):
    for title in SECTIONS:
        SectionPageFactory(parent=home_page, title=title)
    phone.goto(live_site.url + "/")
    _fits_the_phone(phone)
    _menu_opens_every_section(phone)
    phone.get_by_role("navigation", name="Sections menu").get_by_role(
        "link", name="Opinion"
    ).click()
    phone.wait_for_url("**/opinion/")
    assert phone.console_errors == []


def test_unknown_address_gets_the_branded_404_sized_for_the_phone(live_site, home_page, phone):
    for title in SECTIONS:
        SectionPageFactory(parent=home_page, title=title)
    response = phone.goto(live_site.url + "/no-such-story/")
    assert response.status == 404
    assert phone.get_by_role("heading", level=1).inner_text() == "We can't find that page"
    _fits_the_phone(phone)
    _menu_opens_every_section(phone)
    phone.locator("#error-q").fill("hagel")
    phone.locator(".error__search").get_by_role("button", name="Search").click()
    phone.wait_for_url("**/search/?q=hagel")


def test_the_account_menu_links_to_my_comments_and_contributions(live_site, home_page, browser):
    client = Client()
    client.force_login(reader_factory(username="thandi"))
    context = browser.new_context(**PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_site.url}]
    )
    page = context.new_page()
    page.goto(live_site.url + "/")
    page.locator(".account-menu__toggle").click()
    for name, path in (
        ("My comments", "/comments/mine/"),
        ("My contributions", "/contribute/mine/"),
    ):
        link = page.get_by_role("link", name=name)
        assert link.is_visible() and link.get_attribute("href") == path
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    _fits_the_phone(page)
    context.close()
