"""The embedded cache keeps its SQLite connections across requests; renditions stay local."""

import pytest
from django.core.cache import caches
from wagtail.images import get_image_model

from newsdesk.caching.diskcache_backend import PersistentDiskCache

pytestmark = pytest.mark.django_db


def _connections() -> list:
    return [getattr(shard._local, "con", None) for shard in caches["default"]._cache._shards]


@pytest.mark.skipif(
    not isinstance(caches["default"], PersistentDiskCache),
    reason="the Redis profile has no disk cache",
)
def test_a_request_leaves_the_disk_caches_connections_open_for_the_next(client, home_page):
    for index in range(8):  # touch every shard
        caches["default"].set(f"warm-{index}", index)
    opened = _connections()
    assert all(opened)
    client.get("/")  # Django closes every cache when a request finishes
    assert _connections() == opened


def test_wagtail_keeps_renditions_in_a_cache_of_its_own_not_the_shared_one():
    rendition_model = get_image_model().get_rendition_model()
    assert rendition_model.cache_backend is caches["renditions"]
    assert rendition_model.cache_backend is not caches["default"]
