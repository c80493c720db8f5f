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
