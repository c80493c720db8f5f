"""Take the README's screenshots of a running demo site with headless Chromium.

uv run newsdesk serve --port 8000 &
uv run python scripts/screenshots.py http://127.0.0.1:8000

Desktop (1366 x 900) and phone (390 x 844), one screen each (what a reader sees first,
and small files): home, an article, a gallery, the 404 page, the lead story's author and
the moderation queue (signed in as the demo moderator). A phone's section menu is also
shown open, since a closed one hides what it holds.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
TIMEOUT_MS = 120_000  # a first, uncached render on a busy machine can take a while
DEMO_PASSWORD = "newsdesk-demo"  # the demo accounts' published password (README)


def _href(page, base: str, listing: str, selector: str) -> str:
    page.goto(base + listing)
    return urlsplit(page.locator(selector).first.get_attribute("href")).path


def _paths(browser, base: str) -> dict[str, str]:
    """The pages to show, found as a reader finds them (the demo's slugs may change)."""
    finder = browser.new_page()
    finder.set_default_timeout(TIMEOUT_MS)
    article = _href(finder, base, "/", ".card--lead .card__title a")
    paths = {
        "home": "/",
        "article": article,
        # A photo's own link on the desktop, so the shot shows the viewer whole: photo,
        # caption and controls (a phone's screen already shows them under the title).
        "gallery": _href(finder, base, "/galleries/", ".card__title a") + "#photo-2",
        "error-404": "/no-such-page/",
        "author": _href(finder, base, article, ".story__byline a"),
    }
    finder.close()
    return paths


def _save(page, name: str) -> None:
    page.screenshot(path=OUT / f"{name}.png")
    print(f"saved docs/screenshots/{name}.png")


def shoot(base: str) -> None:
    base = base.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        paths = _paths(browser, base)
        for size, (width, height) in SIZES.items():
            phone = size == "phone"
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            for name, path in paths.items():
                page.goto(base + (path.split("#")[0] if phone else path))
                page.wait_for_load_state("networkidle")
                _save(page, f"{name}-{size}")
            if phone:
                page.goto(base + "/")
                page.get_by_text("Menu", exact=True).click()
                _save(page, "menu-phone")
            page.goto(base + "/admin/login/")
            page.fill('input[name="username"]', "moderator")
            page.fill('input[name="password"]', DEMO_PASSWORD)
            page.locator('button[type="submit"]').first.click()
            page.wait_for_load_state("networkidle")
            page.goto(base + "/admin/comments/?queue=published")
            page.wait_for_load_state("networkidle")
            _save(page, f"moderation-{size}")
            context.close()
        browser.close()


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
