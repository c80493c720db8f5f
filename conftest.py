"""Fixtures shared by every test: isolated media, and a small newsroom to work in."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI tries the same Hypothesis examples on every run, so a landing never hangs on luck;
# a developer's run (no profile set) explores new ones each time. `.ci/run` sets it.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("NEWSDESK_HYPOTHESIS_PROFILE"):
    hypothesis_settings.load_profile(os.environ["NEWSDESK_HYPOTHESIS_PROFILE"])


def pytest_collection_modifyitems(config, items):
    """Mark what the fast subset leaves out: ``uv run pytest -m "not browser and not slow
    and not fault and not varnish"`` (README). ``uv run pytest`` still runs everything."""
    for item in items:
        path = item.path.as_posix()
        if "/tests/reliability/" in path or path.endswith("reliability/tests/test_outages.py"):
            item.add_marker(pytest.mark.fault)
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            # Committing tests flush every table afterwards and rebuild the baseline.
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, reused between runs (``--reuse-db``), with what migrations made.

    A reused database may have ended the previous run flushed by a committing test, so
    the migrations' rows (root page, groups, workflows, places) are put back once here.
    """
    from newsdesk.core.testing import baseline_ensure

    with django_db_blocker.unblock():
        baseline_ensure()


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploads and renditions of one test never leak into another, or into ./var."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (navigation, rate limits, page cache)."""
    from django.core.cache import caches

    from newsdesk.core.locales import locales_changed

    # Every alias: the renditions cache keys on row ids, which the next test reuses.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    # Likewise the per-process copy of the locales: a rolled-back test sends no signal.
    locales_changed()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()
    locales_changed()


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
