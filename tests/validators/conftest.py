"""Independent validators against ``newsdesk serve``, started as the README starts it.

Each test module gets its own server (a module-scoped fixture) on a free port with a fresh
data folder, so the demo content is what a new install shows. The validators come from
npm (``package.json``: the Nu Html Checker's vnu.jar, axe-core) and PyPI (feedparser,
extruct, xmlschema). Without ``node_modules`` the tests skip on a developer's machine
and fail in CI (``CI`` set), where ``.ci/run`` installs them with ``npm ci``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.reliability import harness

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def tool_required(path: Path, what: str) -> Path:
    """``path``, or a skip (developer machine) or failure (CI) saying how to get it."""
    if path.exists():
        return path
    message = f"{what} not found at {path}: run `npm ci` at the repository root."
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def java_required() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "java not found: install default-jre-headless (see .ci/run)."
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    """A running ``newsdesk serve`` and the public pages found on it, by type."""

    base: str
    pages: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/"))

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.url(path), timeout=60, **kwargs)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``newsdesk serve`` on a fresh data folder (demo content loaded on first start).

    ``NEWSDESK_VALIDATE_URL=http://127.0.0.1:8000`` checks a server already running
    instead (quicker while fixing what the validators find; the demo content is assumed).
    """
    existing = os.environ.get("NEWSDESK_VALIDATE_URL", "").rstrip("/")
    if existing:
        site = Served(base=existing)
        site.pages = public_pages(site)
        yield site
        return
    data_dir = tmp_path_factory.mktemp("validators-serve")
    port = free_port()
    process = harness.start_server(harness.env(data_dir), port, wait=900)
    try:
        site = Served(base=f"http://127.0.0.1:{port}")
        site.pages = public_pages(site)
        yield site
    finally:
        harness.stop_server(process)


_HREF = re.compile(r'href="([^"#?]+)"')


def _links(html: str, prefix: str) -> list[str]:
    return [href for href in _HREF.findall(html) if urlsplit(href).path.startswith(prefix)]


def _path(url: str) -> str:
    return urlsplit(url).path


def public_pages(site: Served) -> dict[str, str]:
    """One URL per public page type, found on the site as a reader would find them.

    The fixed ones come from the URL names; the rest (an article, a tag, an author, a
    profile, a gallery, a reader's story, a comment thread) are followed from links.
    """
    from django.urls import reverse

    pages = {
        "home": "/",
        "search": reverse("search"),
        "search results": reverse("search") + "?q=water",
        "contribute": reverse("contributions:index"),
        "user galleries": reverse("contributions:reader_gallery"),
        "multimedia": reverse("contributions:multimedia"),
        "corrections": reverse("corrections"),
        "location": reverse("local:settings"),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
    }
    sitemap = site.get(reverse("sitemap")).text
    paths = [_path(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    community = "/mynews/"
    for path in paths:
        depth = path.strip("/").count("/") + 1 if path.strip("/") else 0
        if path.startswith("/galleries/") and depth == 2:
            pages.setdefault("gallery", path)
        elif path == "/galleries/":
            pages.setdefault("galleries", path)
        elif path.startswith(community) and depth == 2:
            pages.setdefault("reader story", path)
        elif path == community:
            pages.setdefault("community section", path)
        elif path.startswith("/authors/"):
            pages.setdefault("author", path)
        elif depth == 1 and "polic" in path:
            pages.setdefault("comments policy", path)
        elif depth == 1:
            pages.setdefault("section", path)
    not_articles = ("/galleries/", "/authors/", community)
    article_paths = [p for p in paths if p.count("/") == 3 and not p.startswith(not_articles)]
    for path in article_paths:
        html = site.get(path).text
        # The first story with linked authors and tags stands for every article.
        if _links(html, "/authors/") and _links(html, "/tags/"):
            pages["article"] = path
            pages["tag"] = _path(_links(html, "/tags/")[0])
            pages["author"] = _path(_links(html, "/authors/")[0])
            threads = _links(html, "/comments/")
            if threads:
                pages["comment thread"] = _path(threads[0])
            break
    if "reader story" in pages:
        profiles = _links(site.get(pages["reader story"]).text, "/people/")
        if profiles:
            pages["profile"] = _path(profiles[0])
    return pages


# Every type the site has; a missing one means the crawl above no longer finds it.
PAGE_TYPES = (
    "home",
    "section",
    "article",
    "tag",
    "author",
    "search",
    "search results",
    "contribute",
    "galleries",
    "gallery",
    "user galleries",
    "multimedia",
    "community section",
    "reader story",
    "profile",
    "comments policy",
    "comment thread",
    "corrections",
    "location",
    "sign in",
    "sign up",
)
