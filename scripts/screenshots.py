"""Take the README's screenshots of a running demo site with headless Chromium.

uv run newsdesk serve --port 8000 &
uv run python scripts/screenshots.py http://127.0.0.1:8000

Desktop (1366 px) and phone (390 px): home, an article, a gallery, the 404 page and the
moderation queue (signed in as the demo moderator).
"""

import re
import sys
from pathlib import Path

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
DEMO_PASSWORD = "newsdesk-demo"


def _lead_story(page, base: str) -> str:
    page.goto(base + "/")
    href = page.locator(".card--lead .card__title a").first.get_attribute("href")
    return re.sub(r"^https?://[^/]+", "", href)


def _gallery(page, base: str) -> str:
    page.goto(base + "/galleries/")
    href = page.locator(".card__title a, .card a").first.get_attribute("href")
    return re.sub(r"^https?://[^/]+", "", href)


def shoot(base: str) -> None:
    base = base.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        finder = browser.new_page()
        paths = {
            "home": "/",
            "article": _lead_story(finder, base),
            "gallery": _gallery(finder, base),
            "error-404": "/no-such-page/",
        }
        finder.close()
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=size == "phone"
            )
            page = context.new_page()
            for name, path in paths.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"{name}-{size}.png", full_page=name != "article")
                print(f"saved docs/screenshots/{name}-{size}.png")
            page.goto(base + "/admin/login/")
            page.fill('input[name="username"]', "moderator")
            page.fill('input[name="password"]', DEMO_PASSWORD)
            page.locator('button[type="submit"]').first.click()
            page.wait_for_load_state("networkidle")
            page.goto(base + "/admin/comments/?queue=published")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / f"moderation-{size}.png")
            print(f"saved docs/screenshots/moderation-{size}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
