"""Fixtures shared by every test: isolated media, and a small newsroom to work in."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI tries the same Hypothesis examples on every run, so a landing never hangs on luck;
# a developer's run (no profile set) explores new ones each time. `.ci/run` sets it.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("NEWSDESK_HYPOTHESIS_PROFILE"):
    hypothesis_settings.load_profile(os.environ["NEWSDESK_HYPOTHESIS_PROFILE"])


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploads and renditions of one test never leak into another, or into ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (navigation, rate limits, page cache)."""
    from django.core.cache import caches

    # Every alias: the renditions cache keys on row ids, which the next test reuses.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture
def home_page(db):
    from newsdesk.sections.tests.factories import news_site

    return news_site().root_page.specific


@pytest.fixture
def section(home_page):
    from newsdesk.sections.tests.factories import SectionPageFactory

    return SectionPageFactory(parent=home_page, title="World", slug="world")


@pytest.fixture(autouse=True)
def _baseline_for_committing_tests(request):
    """Tests that commit start from what migrations made, even after an earlier flush.

    A ``transaction=True`` test ends with a flush that empties every table, rows made by
    data migrations included (root page, locale, groups, workflows, places); the next
    such test gets them back here.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from newsdesk.core.testing import baseline_ensure

    baseline_ensure()
