"""Screenshots of the Afrikaans demo site Nuus, desktop and phone (docs/I18N.md).

uv run newsdesk serve --port 8000 &
uv run python scripts/screenshots_languages.py 8000

Nuus's home page and its story that is a translation of a News story (with its
"Read in English" link), at 1366 and 390 px, into docs/screenshots/nuus-*.png.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
TRANSLATED_STORY = "Eskom staak beurtkrag"


def shoot(port: int) -> None:
    base = f"http://nuus.localhost:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=size == "phone"
            )
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(base + "/", wait_until="networkidle")
            page.screenshot(path=OUT / f"nuus-home-{size}.png")
            page.locator("a", has_text=TRANSLATED_STORY).first.click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / f"nuus-article-{size}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    shoot(int(sys.argv[1]) if len(sys.argv) > 1 else 8000)
