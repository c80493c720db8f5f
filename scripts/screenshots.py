"""Take the README's screenshots of a running site with headless Chromium.

uv run newsdesk serve --port 8000 &
uv run python scripts/screenshots.py http://127.0.0.1:8000
"""

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


def shoot(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path, width in [
            ("homepage", "/", 1280),
            ("article", "/world/japan-us-to-modernise-military-alliance/", 1280),
            ("article-mobile", "/world/japan-us-to-modernise-military-alliance/", 390),
            ("tag", "/tags/japan/", 1280),
        ]:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base.rstrip("/") + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / f"{name}.png", full_page=True)
            page.close()
            print(f"saved docs/screenshots/{name}.png")
        browser.close()


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
