"""Redis drops in the middle of requests, stays away, and comes back.

``test_redis_down.py`` covers a Redis that is already down. Here the site runs with
Redis (cache, page cache, sessions, rate-limit counters) behind a relay that the check
cuts while signed-in readers post comments and anonymous readers fetch pages: open
connections are reset mid-command, new ones refused, then the relay is restored. The
policy in docs/RELIABILITY.md must hold throughout:

- every page is served (200), during the cut as before and after it, and fast;
- a comment is accepted (published, or held for review when its rate limit cannot be
  counted: never published unlimited), or refused with a 503 that says why; never a
  500 or no answer;
- once Redis is back, comments are counted and published again;
- every comment acknowledged with 201 is stored exactly once.
"""

from __future__ import annotations

import os
import statistics
import time

import pytest

from tests.reliability import harness
from tests.reliability.proxy import CuttableProxy
from tests.reliability.sites import prepared_site

pytestmark = pytest.mark.slow

LONG = os.environ.get("NEWSDESK_RELIABILITY_LONG") == "1"
CUTS = 5 if LONG else 1
DOWN_SECONDS = 3
PORT = 8935
REDIS_PORT = 6379
REDIS_DB = 12
PAGES = ["/", "/tags/durban/", "/feeds/rss/", "/search/?q=Orange", "/live/latest.json"]


@pytest.fixture
def relay():
    import redis

    redis.Redis(port=REDIS_PORT, db=REDIS_DB).flushdb()
    proxy = CuttableProxy(REDIS_PORT).start()
    yield proxy
    proxy.close()
    redis.Redis(port=REDIS_PORT, db=REDIS_DB).flushdb()


def test_redis_dropping_mid_request_keeps_pages_up_and_limits_never_open(relay, tmp_path):
    redis_url = f"redis://127.0.0.1:{relay.port}/{REDIS_DB}"
    windows = []
    # A limit that is counted on every post but never reached by these readers.
    with prepared_site("sqlite", tmp_path, 4, redis_url=redis_url, rate_limit=10_000) as site:
        label = f"redisdrop {site.tag}"
        server = harness.start_server(site.environment, PORT, "--no-demo", "--workers", "2")
        traffic = harness.Traffic(
            PORT, sessions=site.sessions, article=site.article, pages=PAGES, label=label
        ).start()
        try:
            for _ in range(CUTS):
                traffic.settle()
                went = time.monotonic()
                relay.cut()
                time.sleep(DOWN_SECONDS)
                relay.restore()
                windows.append((went, time.monotonic()))
            back = windows[-1][1]
            traffic.wait_for(
                lambda o: o.detail == "published" and o.sent > back + 1, at_least=10, seconds=90
            )
        finally:
            traffic.stop()
            harness.stop_server(server)
        stored = site.stored_comments(label)

    outcomes = traffic.outcomes

    pages = [o for o in outcomes if o.kind == "page"]
    comments = [o for o in outcomes if o.kind == "comment"]
    pages_during = [o for o in pages if o.overlaps(windows)]
    comments_during = [o for o in comments if o.overlaps(windows)]
    bad_pages = [o for o in pages if o.status != 200]
    bad_comments = [o for o in comments if o.status not in (201, 503)]
    # Sent well after a cut began and answered before Redis came back: handled without it.
    published_during = [
        o
        for o in comments
        if o.detail == "published" and any(o.sent > w + 0.5 and o.done < b for w, b in windows)
    ]
    check = harness.written_once(outcomes, stored)
    page_ms = sorted((o.done - o.sent) * 1000 for o in pages_during) or [0]
    print(
        f"\nRedis dropped: {len(windows)} cut(s) of {DOWN_SECONDS} s; {len(pages)} page requests "
        f"({len(pages_during)} during, {len(bad_pages)} not 200, during p50 "
        f"{statistics.median(page_ms):.0f} ms, max {page_ms[-1]:.0f} ms); {len(comments)} posts "
        f"({len(comments_during)} during: "
        f"{sum(1 for o in comments_during if o.detail == 'pending')} held, "
        f"{sum(1 for o in comments_during if o.status == 503)} 503, "
        f"{len(published_during)} published without Redis); "
        f"acknowledged {check['acknowledged']}, lost {len(check['lost'])}, "
        f"duplicated {len(check['duplicated'])}"
    )
    assert bad_pages == [], [(o.target, o.status) for o in bad_pages[:5]]
    assert bad_comments == [], [(o.target, o.status) for o in bad_comments[:5]]
    assert comments_during, "no comment was posted while Redis was away"
    # Never unlimited: a post sent well inside the cut is held or refused, never published.
    assert published_during == [], [(o.target, o.detail) for o in published_during[:5]]
    assert check["lost"] == []
    assert check["duplicated"] == {}
    assert check["unexplained"] == set()


def test_a_hung_redis_costs_one_timeout_then_the_breaker_stops_asking(relay, monkeypatch):
    # Not timed: the relay counts what reaches Redis while the breaker is open.
    from redis.exceptions import ConnectionError as RedisConnectionError

    from newsdesk.reliability import cache as resilient

    cache = resilient.ResilientRedisCache(
        f"redis://127.0.0.1:{relay.port}/{REDIS_DB}",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 0.5}},
    )
    cache.set("headline", "kept")
    assert cache.get("headline") == "kept"
    relay.freeze()
    assert cache.get("headline") is None  # one socket timeout, then a miss, not an error
    reached_redis = relay.bytes_from_clients
    for _ in range(50):
        assert cache.get("headline") is None
        cache.set("headline", "skipped")
    with pytest.raises(RedisConnectionError):
        cache.add("limit", 1)  # a limit is never counted as passed
    with pytest.raises(RedisConnectionError):
        cache.incr("limit")
    assert relay.bytes_from_clients == reached_redis
    relay.thaw()
    monkeypatch.setattr(resilient, "_skip_until", {})  # the breaker period is over
    assert cache.get("headline") == "kept"  # asked again, and the skipped set never ran
