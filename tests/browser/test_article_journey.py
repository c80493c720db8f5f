"""A reader opens the reference article and follows a tag, in a real browser."""

from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SEED = Path(__file__).resolve().parents[2] / "newsdesk/ingest/tests/fixtures/news24_japan_us.txt"


def test_reader_reads_the_seed_article_and_follows_a_tag(live_site, section, page):
    call_command("import_page", str(SEED), "--section", "world", verbosity=0)
    article = ArticlePage.objects.get()
    article.lead_image = CustomImageFactory(title="Patriot battery")
    article.save_revision().publish()

    page.goto(live_site.url + "/")
    page.get_by_role("link", name="Japan, US to modernise military alliance").first.click()
    page.wait_for_url("**/world/**")

    headline = page.get_by_role("heading", level=1)
    assert headline.inner_text() == "Japan, US to modernise military alliance"
    assert page.locator(".story__published time").inner_text() == "3 Oct 2013, 10:07"
    lead = page.locator(".story__lead figcaption")
    assert lead.locator(".caption").inner_text() == (
        "US soldiers stand in front of a Patriot missile battery."
    )
    assert lead.locator(".credit").inner_text() == "(Wojtek Radwanski, AFP)"
    assert page.locator(".story__body .dateline").inner_text() == "Tokyo"
    assert page.get_by_role("heading", level=2, name="Political sustainability").is_visible()
    tags = page.locator(".story__tags a")
    assert tags.count() == 7
    assert "Read more on:" in page.locator(".story__tags").inner_text()

    page.get_by_role("link", name="North Korea", exact=True).click()  # stored with capitals
    page.wait_for_url("**/tags/north-korea/")
    assert page.get_by_role("heading", level=1).inner_text().lower() == "north korea"
    assert page.get_by_role("link", name="Japan, US to modernise military alliance").is_visible()
    assert page.console_errors == []
