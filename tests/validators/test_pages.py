"""Every public page type through the Nu Html Checker and axe-core; articles' JSON-LD
through extruct with Google's required article properties.

The pages are fetched from ``newsdesk serve`` as a reader gets them; vnu.jar checks them
all in one JVM, axe-core runs in Debian's Chromium at a desktop and a phone width.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import extruct
import pytest
import requests
from django.urls import reverse
from PIL import Image

from tests.validators.conftest import (
    AXE_JS,
    PAGE_TYPES,
    VNU_JAR,
    java_required,
    tool_required,
)

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
# The error pages a reader can meet, and the status each must answer with (issue #14):
# an unknown address, and a form refused for want of its CSRF token (cookies blocked or
# cleared since the form was shown), the one 403 an anonymous reader can reach.
ERROR_PAGES = {"not found": 404, "forbidden": 403}
UNKNOWN_PATH = "/no-such-story/"
# Google's article structured data: what it needs to show a story in rich results.
GOOGLE_LOGO_MIN = 112
HEADLINE_MAX = 110


def test_every_public_page_type_is_found(served):
    missing = [kind for kind in PAGE_TYPES if kind not in served.pages]
    assert missing == [], f"not found on the demo site: {missing}"


def _error_response(served, kind: str) -> requests.Response:
    if kind == "not found":
        return served.get(UNKNOWN_PATH)
    # No CSRF cookie and no token: the sign-in form as a reader with cookies blocked sends it.
    return requests.post(served.url(reverse("account_login")), data={"login": "x"}, timeout=60)


def _open_error_page(page, served, kind: str) -> int:
    """Open an error page in the browser as a reader meets it; returns its status."""
    if kind == "not found":
        return page.goto(served.url(UNKNOWN_PATH), wait_until="load").status
    page.goto(served.url(reverse("account_login")), wait_until="load")
    page.context.clear_cookies()
    with page.expect_navigation(wait_until="load") as refused:
        page.evaluate("document.querySelector('input[name=login]').form.submit()")
    page.context.clear_cookies()  # the next page types start as a new reader again
    return refused.value.status


def test_nu_html_checker_reports_no_errors_on_any_public_page(served, tmp_path):
    jar = tool_required(VNU_JAR, "vnu.jar (npm vnu-jar)")
    java = java_required()
    files: dict[str, str] = {}
    for kind, path in served.pages.items():
        response = served.get(path)
        assert response.status_code == 200, (kind, path, response.status_code)
        name = re.sub(r"\W+", "-", kind) + ".html"
        (tmp_path / name).write_bytes(response.content)
        files[name] = f"{kind} ({path})"
    for kind, status in ERROR_PAGES.items():
        response = _error_response(served, kind)
        assert response.status_code == status, (kind, response.status_code)
        name = f"error-{status}.html"
        (tmp_path / name).write_bytes(response.content)
        files[name] = f"{kind} ({status})"
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *sorted(files)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine')}: "
        f"{m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)


def _axe_violations(page, axe_source: str, label: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{label}: {violation['id']}: {violation['help']} "
        f"{[' '.join(node['target']) for node in violation['nodes'][:3]]}"
        for violation in result
    ]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_axe_finds_no_violations_on_any_public_page(served, browser, viewport):
    axe_source = tool_required(AXE_JS, "axe-core (npm axe-core)").read_text(encoding="utf-8")
    width, height = VIEWPORTS[viewport]
    # The site's CSP rightly forbids injected scripts; the checker is not the site's code.
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    found = []
    try:
        for kind, path in served.pages.items():
            page.goto(served.url(path), wait_until="load")
            found += _axe_violations(page, axe_source, f"{kind} ({path})")
        for kind, status in ERROR_PAGES.items():
            assert _open_error_page(page, served, kind) == status, kind
            found += _axe_violations(page, axe_source, f"{kind} ({status})")
    finally:
        context.close()
    assert found == [], "\n".join(found)


def _news_article(served, path: str) -> dict:
    html = served.get(path).text
    data = extruct.extract(html, base_url=served.url(path), syntaxes=["json-ld"], uniform=True)
    articles = [item for item in data["json-ld"] if item.get("@type") == "NewsArticle"]
    assert len(articles) == 1, f"{path}: {len(articles)} NewsArticle objects"
    return articles[0]


def _image_size(served, url: str) -> tuple[int, int]:
    response = served.get(url.replace(url.split("/")[2], served.base.split("/")[2], 1))
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(response.content)).size


def _iso(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, f"{value} has no time zone"
    return moment


@pytest.mark.parametrize("kind", ["article", "reader story"])
def test_json_ld_has_googles_article_properties(served, kind):
    article = _news_article(served, served.pages[kind])
    assert 0 < len(article["headline"]) <= HEADLINE_MAX
    assert article["description"].strip()
    assert _iso(article["dateModified"]) >= _iso(article["datePublished"])
    assert article["mainEntityOfPage"]["@id"] == article["url"]

    images = article.get("image", [])
    assert images or kind == "reader story", "a story with a lead photo lists its images"
    for image in images:
        # A rendition is the size it claims to be (issue #14: a "1200x1200" that was 900x900).
        assert _image_size(served, image["url"]) == (image["width"], image["height"])

    assert article["author"], "an author"
    for author in article["author"]:
        assert author["@type"] in ("Person", "Organization") and author["name"].strip()

    publisher = article["publisher"]
    assert publisher["name"].strip()
    logo = publisher["logo"]
    assert not logo["url"].endswith(".svg"), "Google needs a raster logo"
    width, height = _image_size(served, logo["url"])
    assert (width, height) == (logo["width"], logo["height"])
    assert min(width, height) >= GOOGLE_LOGO_MIN


def test_json_ld_authors_link_to_their_author_pages(served):
    article = _news_article(served, served.pages["article"])
    people = [a for a in article["author"] if a["@type"] == "Person"]
    assert people and all("url" in person for person in people)
    for person in people:
        response = served.get(person["url"].split("/", 3)[3])
        assert response.status_code == 200
        assert person["name"] in response.text
