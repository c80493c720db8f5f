"""Screenshots of the newsletter pages and of an issue's HTML mail (1366/600 and 390 px).

uv run newsdesk serve --port 8000 &
uv run python scripts/newsletter_screenshots.py http://127.0.0.1:8000

Runs with the same environment as the server (same data folder and secret key) so it can
mint a demo subscriber's manage link and render the next briefing as that reader gets it.
"""

import os
import sys
import tempfile
from pathlib import Path

import django
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
PAGE_SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
MAIL_SIZES = {"desktop": (1000, 900), "phone": (390, 844)}


def _demo_links(base: str) -> tuple[str, str]:
    """The manage path of a demo subscriber, and the HTML of the briefing they would get."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    django.setup()
    from newsdesk.newsletters import rendering, tokens
    from newsdesk.newsletters.models import Issue, Newsletter, Subscriber
    from newsdesk.newsletters.sending import issue_message

    subscriber = Subscriber.objects.get(email="thandi@example.com")
    manage = (
        "/newsletters/manage/"
        + tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=tokens.MANAGE)
        + "/"
    )
    newsletter = Newsletter.objects.filter(kind=Newsletter.Kind.DAILY).order_by("pk").first()
    rendered = rendering.issue_render(newsletter=newsletter)
    issue = Issue(
        newsletter=newsletter,
        subject=rendered.subject,
        html_body=rendered.html,
        text_body=rendered.text,
    )
    message = issue_message(issue=issue, subscriber=subscriber)
    return manage, message.alternatives[0][0]


def shoot(base: str) -> None:
    base = base.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    manage, html = _demo_links(base)
    mail_file = Path(tempfile.mkdtemp()) / "briefing.html"
    mail_file.write_text(html)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size, (width, height) in PAGE_SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in (("newsletters", "/newsletters/"), ("newsletters-manage", manage)):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"{name}-{size}.png", full_page=True)
            page.close()
        for size, (width, height) in MAIL_SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(mail_file.as_uri())
            page.screenshot(path=OUT / f"newsletters-email-{size}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
