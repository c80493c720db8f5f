"""Readers choose places for the local boxes, and an open homepage learns of new stories."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from newsdesk.articles.tests.factories import article_factory
from newsdesk.editorial import roles
from newsdesk.local.models import Place
from newsdesk.local.places_data import places_seed
from newsdesk.local.tests.factories import alert_factory
from newsdesk.network.models import SiteSettings
from newsdesk.sections.tests.factories import news_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
BANNER = "There are new stories on the homepage. Click here to see them."


@pytest.fixture
def places(live_site):
    places_seed(Place)
    return {p.slug: p for p in Place.objects.all()}


def test_anonymous_reader_sets_weather_and_traffic_places_and_sees_both(
    live_site, section, places, page
):
    alert_factory(region=places["durban"], headline="M4 closed after flooding", severity="severe")
    alert_factory(region=places["gauteng"], headline="N1 roadworks at Buccleuch")

    page.goto(live_site.url + "/")
    weather = page.locator('[data-local-component="weather"]')
    expect(weather).to_contain_text("Johannesburg (default)")
    expect(page.locator('[data-local-component="traffic"]')).to_contain_text("N1 roadworks")

    page.get_by_role("link", name="Location Settings").click()
    page.wait_for_url("**/location/")
    page.get_by_label("Weather").select_option(label="Cape Town")
    page.get_by_label("Traffic Alerts").select_option(label="Durban")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Your location settings are saved.")
    cookie = next(c for c in page.context.cookies() if c["name"] == "newsdesk_location")
    assert cookie["sameSite"] == "Lax" and cookie["httpOnly"]

    page.get_by_role("link", name="Back to the homepage").click()
    expect(weather).to_contain_text("Cape Town")
    expect(weather).to_contain_text(re.compile(r"-?\d+°C"))
    traffic = page.locator('[data-local-component="traffic"]')
    expect(traffic).to_contain_text("Durban")
    expect(traffic).to_contain_text("M4 closed after flooding")
    expect(traffic).not_to_contain_text("N1 roadworks")
    assert page.console_errors == []


def test_signed_in_readers_places_follow_them_to_the_second_site(live_site, section, places, page):
    sport = news_site(hostname="sport.localhost", default=False)
    sport_settings = SiteSettings.for_site(sport)
    sport_settings.brand_name = "Sportdesk"
    sport_settings.save()
    reader = get_user_model().objects.create_user(username="sipho", password="x-secret-1")
    client = Client()
    client.force_login(reader)
    session = client.cookies["sessionid"].value
    port = live_site.url.rsplit(":", 1)[1]
    # Cookies are per host: the reader is signed in on each site, as with real sign-in.
    for host in ("localhost", "sport.localhost"):
        page.context.add_cookies(
            [{"name": "sessionid", "value": session, "domain": host, "path": "/"}]
        )

    page.goto(f"http://localhost:{port}/location/")
    expect(page.get_by_text("saved to your account")).to_be_visible()
    page.get_by_label("Weather").select_option(label="Gqeberha")
    page.get_by_label("Listings").select_option(label="Bloemfontein")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Your location settings are saved.")
    assert not [c for c in page.context.cookies() if c["name"] == "newsdesk_location"]

    page.goto(f"http://sport.localhost:{port}/")
    expect(page.locator(".masthead__brand")).to_have_text("Sportdesk")
    expect(page.locator('[data-local-component="weather"]')).to_contain_text("Gqeberha")
    expect(page.locator('[data-local-component="listings"]')).to_contain_text("Bloemfontein")
    assert page.console_errors == []


def test_open_homepage_shows_the_banner_when_a_story_is_published(
    live_site, section, places, page, settings
):
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1
    editor = get_user_model().objects.create_user(username="ed", password="x-secret-1")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    article_factory(section=section, title="Yesterday's lead story", hours_ago=20)
    polls = []
    page.on("request", lambda r: polls.append(r) if "/live/latest.json" in r.url else None)

    page.goto(live_site.url + "/")
    banner = page.get_by_role("status")
    page.wait_for_timeout(1500)  # at least one poll with nothing new
    assert polls and banner.inner_text() == ""

    article_factory(section=section, title="Breaking: dam levels rise", hours_ago=0, user=editor)
    # Within one check interval (1 s), plus the request's own time.
    expect(banner).to_have_text(BANNER, timeout=2500)
    assert page.get_by_role("link", name="Breaking: dam levels rise").count() == 0

    banner.get_by_role("link", name=BANNER).click()
    expect(page.get_by_role("link", name="Breaking: dam levels rise").first).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("")
    assert page.console_errors == []


def test_polling_stops_while_the_tab_is_hidden(live_site, section, page, settings):
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1
    article_factory(section=section, title="A story")
    polls = []
    page.on("request", lambda r: polls.append(r) if "/live/latest.json" in r.url else None)
    page.goto(live_site.url + "/")
    page.wait_for_timeout(1500)
    assert polls
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'));"
    )
    page.wait_for_timeout(300)  # let a poll already in flight land
    seen = len(polls)
    page.wait_for_timeout(3000)
    assert len(polls) == seen
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'));"
    )
    page.wait_for_timeout(500)
    assert len(polls) > seen


def test_without_javascript_the_page_still_works_and_links_to_location_settings(
    live_site, section, places, browser
):
    article_factory(section=section, title="A story")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site.url + "/")
    expect(page.get_by_role("link", name="Choose a place for weather")).to_be_visible()
    expect(page.get_by_role("link", name="A story").first).to_be_visible()
    page.get_by_role("link", name="Location Settings").click()
    page.get_by_label("Weather").select_option(label="Durban")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Your location settings are saved.")
    context.close()
