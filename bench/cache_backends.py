"""Measure the shared cache candidates for the embedded default (issue #12, item 1).

Each candidate is timed on what the page cache does per request: a ``get_many`` of
three keys (the entry of ~60 KB and two short tokens) on a hit, and a ``set`` of an
entry on a miss; plus ``incr`` (the rate limits). Run from the repository:

    uv run python bench/cache_backends.py [--rounds N]

It prints a Markdown table for docs/PERFORMANCE.md. Local memory is the baseline that
is *not* shared between processes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import django
from django.conf import settings


def configure(folder: str) -> None:
    settings.configure(
        CACHES={
            "locmem": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
            "file": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": os.path.join(folder, "file"),
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
            "diskcache": {
                "BACKEND": "diskcache.DjangoCache",
                "LOCATION": os.path.join(folder, "disk"),
                "SHARDS": 4,
                "DATABASE_TIMEOUT": 1.0,
                "OPTIONS": {"size_limit": 2**30},
            },
            "database": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "cache_table",
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            },
        },
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.path.join(folder, "cache.sqlite3"),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
            }
        },
        USE_TZ=True,
    )
    django.setup()


def time_per_call(function, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def measure(cache, entry: dict, rounds: int) -> tuple[float, float, float]:
    for n in range(500):  # a cache that already holds pages
        cache.set(f"page-{n}", entry, timeout=300)
    cache.set("token-a", "abc", timeout=None)
    cache.set("token-b", "def", timeout=None)
    hit = time_per_call(lambda: cache.get_many(["page-7", "token-a", "token-b"]), rounds)
    counter = iter(range(10**9))
    miss = time_per_call(lambda: cache.set(f"new-{next(counter)}", entry, timeout=300), rounds // 4)
    cache.set("counter", 0, timeout=300)
    incr = time_per_call(lambda: cache.incr("counter"), rounds)
    return hit, miss, incr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-cache-bench-") as folder:
        configure(folder)
        from django.core.cache import caches
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
        entry = {"status": 200, "content": os.urandom(30_000).hex().encode(), "headers": []}
        print(
            "| backend | hit: get_many of 3 keys (µs, median) "
            "| miss: set of a 60 KB page (µs) | incr (µs) | shared by processes |"
        )
        print("|---|---:|---:|---:|---|")
        for name in ("locmem", "file", "diskcache", "database"):
            hit, miss, incr = measure(caches[name], entry, args.rounds)
            shared = "no" if name == "locmem" else "yes"
            print(f"| {name} | {hit:.0f} | {miss:.0f} | {incr:.0f} | {shared} |")


if __name__ == "__main__":
    main()
