"""Fixtures shared by every test: isolated media, and a small newsroom to work in."""

import pytest


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploads and renditions of one test never leak into another, or into ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (navigation, rate limits, page cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from newsdesk.sections.tests.factories import news_site

    return news_site().root_page.specific


@pytest.fixture
def section(home_page):
    from newsdesk.sections.tests.factories import SectionPageFactory

    return SectionPageFactory(parent=home_page, title="World", slug="world")
