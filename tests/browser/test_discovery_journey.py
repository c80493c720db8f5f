"""A reader finds a story by search, reads it (the beacon counts it), sees corrections,
related stories and most read, in a real browser."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.analytics.models import ReadEvent
from newsdesk.articles.models import ArticleCorrection, ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.images.tests.factories import CustomImageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SEED = Path(__file__).resolve().parents[2] / "newsdesk/ingest/tests/fixtures/news24_japan_us.txt"
# Set NEWSDESK_SCREENSHOTS=dir to keep screenshots of each step for a look.
SHOTS = os.environ.get("NEWSDESK_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_reader_searches_reads_and_is_counted(live_site, section, page):
    call_command("import_page", str(SEED), "--section", "world", verbosity=0)
    article = ArticlePage.objects.get()
    article.lead_image = CustomImageFactory(title="Patriot battery")
    article.corrections.add(
        ArticleCorrection(text="An earlier version misspelt Kyogamisaki air base.")
    )
    article.save_revision().publish()
    article_factory(section=section, title="Hagel visits Seoul", tags=["chuck hagel"])
    article_factory(section=section, title="North Korea test fires missile", tags=["north korea"])

    page.goto(live_site.url + "/search/?q=kyogamisaki")
    assert page.get_by_role("searchbox", name="Search for").input_value() == "kyogamisaki"
    assert page.locator(".search-result__snippet mark").first.inner_text().lower() == "kyogamisaki"
    _shot(page, "search")
    page.get_by_role("link", name="Japan, US to modernise military alliance").click()
    page.wait_for_url("**/world/**")

    corrections = page.get_by_role("region", name="Corrections and updates")
    assert "misspelt Kyogamisaki" in corrections.inner_text()
    related = page.get_by_role("complementary", name="Related stories")
    assert related.get_by_role("link", name="Hagel visits Seoul").is_visible()
    # sendBeacon is fire-and-forget: wait for the row rather than for a fixed time.
    for _ in range(100):
        if ReadEvent.objects.filter(article_id=article.pk).exists():
            break
        page.wait_for_timeout(50)
    assert ReadEvent.objects.filter(article_id=article.pk).count() == 1
    _shot(page, "article")

    call_command("refresh_most_read", "--now", verbosity=0)
    page.goto(live_site.url + ArticlePage.objects.get(title="Hagel visits Seoul").url)
    most_read = page.get_by_role("complementary", name="Most read")
    assert most_read.get_by_role("link", name="Japan, US to modernise military alliance").count()
    page.goto(live_site.url + "/corrections/")
    assert "misspelt Kyogamisaki" in page.locator("main").inner_text()
    _shot(page, "corrections")
    assert page.console_errors == []
