"""A reader joins with email, verifies it, picks a username and is known on both sites.

The two sites of the demo network answer on one port: news.localhost and
sport.localhost (Chromium resolves every *.localhost name to the loopback address).
"""

import os
import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from newsdesk.network.models import SiteSettings
from newsdesk.profiles.tests.factories import PASSWORD, ReaderFactory
from newsdesk.profiles.usernames import TAKEN
from newsdesk.sections.tests.factories import news_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SHOTS = os.environ.get("NEWSDESK_SCREENSHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def network(live_site):
    news = news_site(hostname="localhost")
    sport = news_site(hostname="sport.localhost", default=False)
    for site, brand in ((news, "newsdesk"), (sport, "newsdesk Sport")):
        site_settings = SiteSettings.for_site(site)
        site_settings.brand_name = brand
        site_settings.save()
    port = urlparse(live_site.url).port
    return {"news": f"http://news.localhost:{port}", "sport": f"http://sport.localhost:{port}"}


def test_reader_joins_verifies_creates_a_profile_and_is_known_across_the_network(network, page):
    news, sport = network["news"], network["sport"]
    mail.outbox.clear()

    page.goto(news + "/")
    page.locator("[data-account-slot]").get_by_role("link", name="Join").click()
    page.wait_for_url("**/accounts/signup/**")
    _shot(page, "signup")
    page.get_by_label("Email", exact=True).fill("lerato@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "Verify Your Email Address" in page.content()

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(news)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/people/create/**")
    _shot(page, "create_profile")
    assert page.get_by_text("Your username is permanent.").is_visible()
    page.get_by_label("Username", exact=True).fill("Lerato")
    page.get_by_label("Display name").fill("Lerato Khumalo")
    page.get_by_label("I understand that my username can never be changed.").check()
    page.get_by_role("button", name="Create profile").click()
    # Straight on to the rest of the profile, with the welcome where it makes sense.
    page.wait_for_url("**/people/me/edit/")
    assert page.get_by_text("Welcome, Lerato Khumalo! Your profile is ready.").is_visible()
    page.goto(news + "/people/lerato/")
    page.wait_for_url("**/people/Lerato/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lerato Khumalo"
    # The header knows who this is (filled from /accounts/status.json).
    page.locator(".account-menu__toggle").wait_for()
    assert "Lerato Khumalo" in page.locator("[data-account-slot]").inner_text()
    assert page.get_by_role("link", name="Edit your profile").is_visible()
    _shot(page, "profile_news")

    # The same profile on the Sport site, and the same account signs in there.
    page.goto(sport + "/people/lerato/")
    page.wait_for_url("**/people/Lerato/")
    assert page.locator(".masthead__brand").inner_text() == "newsdesk Sport"
    assert page.get_by_role("heading", level=1).inner_text() == "Lerato Khumalo"
    # Browsers keep *.localhost cookies per host (see docs/ACCOUNTS.md), so sign in here too.
    page.locator("[data-account-slot]").get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/accounts/login/?next=%2Fpeople%2FLerato%2F")
    page.get_by_label("Email", exact=True).fill("lerato@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(sport + "/people/Lerato/")
    page.locator(".account-menu__toggle").wait_for()
    assert "Lerato Khumalo" in page.locator("[data-account-slot]").inner_text()
    _shot(page, "profile_sport")
    assert page.console_errors == []


def test_another_reader_cannot_take_an_existing_username_in_another_case(network, browser):
    from newsdesk.profiles.services import profile_create

    profile_create(user=ReaderFactory(), username="lerato")
    ReaderFactory(email="copycat@example.org")
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(network["sport"] + "/accounts/login/")
        _shot(page, "login")
        page.get_by_label("Email", exact=True).fill("copycat@example.org")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/people/create/")
        page.get_by_label("Username", exact=True).fill("LERATO")
        page.get_by_label("I understand that my username can never be changed.").check()
        page.get_by_role("button", name="Create profile").click()
        page.get_by_text(str(TAKEN)).wait_for()
        _shot(page, "username_taken")
        assert page.url.endswith("/people/create/")
        assert errors == []
    finally:
        context.close()
