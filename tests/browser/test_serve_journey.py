"""Journeys against `newsdesk serve` started as the README starts it, on a free port
(the session's server, tests/browser/conftest.py).

The operator's first minute (a quiet console that ends with the addresses) and one public
address per site, taken from the port serve runs on: canonical links, JSON-LD, sitemaps.
Signing in from an article's comment box is issue #14's item 2 in test_tour_journeys.py.
"""

from __future__ import annotations

import json
import re
import time

import pytest
import requests

from tests.browser.conftest import READY_LINE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# Django's console mail backend: the message, then a line of 79 dashes.
MAIL = re.compile(r"^Content-Type: .*?^-{79}$", re.S | re.M)


def _first_article_path(served) -> str:
    home = requests.get(served.url + "/", timeout=120).text
    return re.search(r'<h[23] class="card__title"><a href="(/[^"]+/)"', home).group(1)


def test_the_console_stays_quiet_and_ends_with_the_addresses(served):
    if served.log is None:
        pytest.skip("a server started elsewhere: its console is not ours to read")
    time.sleep(15)  # the worker works through the demo's reference-index tasks meanwhile
    # Without EMAIL_URL mails print on the console; the journeys' sign-up mail is theirs.
    console = MAIL.sub("", served.log.read_text())
    lines = [line for line in console.splitlines() if line.strip()]
    assert lines[-1].strip() == READY_LINE, lines[-20:]
    assert any(f"newsdesk is serving at {served.url}/" in line for line in lines)
    assert not [line for line in lines if " INFO " in line or line.startswith("INFO")]
    assert len(lines) < 40, lines


def test_every_public_link_names_the_address_being_served(served):
    article = _first_article_path(served)
    html = requests.get(served.url + article, timeout=120).text
    assert f'<link rel="canonical" href="{served.url}{article}">' in html
    assert f'<meta property="og:url" content="{served.url}{article}">' in html
    blocks = [
        json.loads(block)
        for block in re.findall(r'application/ld\+json">(.*?)</script>', html, re.S)
    ]
    objects = [item for block in blocks for item in (block if isinstance(block, list) else [block])]
    news = next(item for item in objects if item.get("@type") == "NewsArticle")
    assert news["mainEntityOfPage"]["@id"] == served.url + article
    assert news["url"] == served.url + article
    assert "http://localhost/" not in html
    # The same page reached by its other name still names one address.
    other = requests.get(
        served.url + article, headers={"Host": f"news.localhost:{served.port}"}, timeout=120
    ).text
    assert f'<link rel="canonical" href="{served.url}{article}">' in other
    sitemap = requests.get(served.url + "/sitemap.xml", timeout=120).text
    assert f"<loc>{served.url}/" in sitemap and "http://localhost/" not in sitemap
    sport = requests.get(
        served.url + "/sitemap.xml", headers={"Host": f"sport.localhost:{served.port}"}, timeout=120
    ).text
    assert f"<loc>http://sport.localhost:{served.port}/" in sport


def test_a_news_reader_reads_nuus_in_afrikaans_and_follows_a_story_to_english(served, browser):
    """Nuus speaks Afrikaans to everyone; its readers are News's; a story links its original."""
    from django.utils import translation
    from django.utils.dates import MONTHS_3

    with translation.override("af"):
        afrikaans_months = {str(month).title() for month in MONTHS_3.values()}
    news = f"http://news.localhost:{served.port}"
    nuus = f"http://nuus.localhost:{served.port}"
    for host in ("news.localhost", "nuus.localhost"):
        # The first pages after start-up render while the worker is still busy: wait them out
        # here, so the browser's own waits measure the journey.
        requests.get(served.url + "/", headers={"Host": f"{host}:{served.port}"}, timeout=600)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(180_000)  # a first request of each page may be slow
        # Browsers keep *.localhost cookies per host (docs/ACCOUNTS.md): one account, and
        # the reader signs in on each site with it.
        for site in (news, nuus):
            page.goto(site + "/accounts/login/?next=/")
            page.fill('input[name="login"]', "thandi@example.com")
            page.fill('input[name="password"]', "newsdesk-demo")
            page.locator('form button[type="submit"].button--primary').click()
            page.wait_for_url(site + "/")
        assert page.locator("html").get_attribute("lang") == "af"
        dates = page.locator(".card time").all_inner_texts()
        assert dates, "Nuus's front page shows its stories' dates"
        for text in dates:
            assert re.fullmatch(r"\d{1,2} (\w+) \d{4}.*", text).group(1) in afrikaans_months, text
        page.locator("a", has_text="Eskom staak beurtkrag").first.click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "af"
        page.locator(".conversation textarea").wait_for(timeout=15000)  # signed in here too
        # The interface speaks Afrikaans too: the comment box and the account menu.
        assert page.locator(".conversation").get_by_text("Plaas kommentaar").count() == 1
        assert page.get_by_text("Teken af").count() >= 1
        assert page.get_by_text("Post comment").count() == 0
        english_href = page.locator('link[rel="alternate"][hreflang="en"]').get_attribute("href")
        # News is the default site: serve gives it the bare address it prints.
        assert english_href.startswith(served.url + "/")
        page.locator('.story__translations a[hreflang="en"]').click()
        page.wait_for_url(english_href)
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Eskom suspends load shedding" in page.locator("h1").inner_text()
        back = page.locator('link[rel="alternate"][hreflang="af"]').get_attribute("href")
        assert back.startswith(nuus + "/")
    finally:
        context.close()
