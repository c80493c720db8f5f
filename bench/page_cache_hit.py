"""What one page-cache hit costs in-process: at the WSGI level, and through Django.

Stores a 60 KB page in the embedded default's disk cache (a data folder of its own),
then times the same hit answered by ``caching.wsgi.PageCacheApp`` (what gunicorn runs)
and by Django's handler with ``PageCacheMiddleware`` (the path before issue #12), for a
plain client and one that accepts gzip and brotli. Needs no database: hits never touch it.

    uv run python bench/page_cache_hit.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def environ_for(path: str, **headers: str) -> dict:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}
    environ.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "127.0.0.1"
    return environ


def time_hits(application, environ: dict, rounds: int) -> float:
    def start_response(status, headers, exc_info=None):
        assert status.startswith("200"), status

    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        body = application(dict(environ), start_response)
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="newsdesk-hit-bench-")
    os.environ.update(
        {"NEWSDESK_DATA_DIR": folder, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base"}
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DATABASE_URL", None)
    from django.http import HttpResponse

    from newsdesk import wsgi
    from newsdesk.caching import pagecache

    words = [
        "the",
        "port",
        "council",
        "said",
        "water",
        "cuts",
        "would",
        "end",
        "by",
        "friday",
        "as",
        "crews",
        "repair",
        "mains",
    ]
    chooser = random.Random(12)
    page = "".join(
        "<p>" + " ".join(chooser.choice(words) for _ in range(90)) + f" ({n})</p>\n"
        for n in range(120)
    )
    response = HttpResponse(page.encode(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60, s-maxage=300"
    found = pagecache.lookup_environ(environ_for("/world/a-story/"))
    pagecache.store(found, response, ttl=300)

    print("| path of a hit | plain (µs, median) | gzip/brotli client (µs, median) |")
    print("|---|---:|---:|")
    for label, application in (
        ("WSGI level (`PageCacheApp`)", wsgi.application),
        ("through Django (`PageCacheMiddleware`)", wsgi.django_application),
    ):
        plain = time_hits(application, environ_for("/world/a-story/"), args.rounds)
        compressed = time_hits(
            application,
            environ_for("/world/a-story/", accept_encoding="gzip, deflate, br"),
            args.rounds,
        )
        print(f"| {label} | {plain:.0f} | {compressed:.0f} |")
    print(f"\nbody: {len(page.encode()):,} bytes plain", end="")
    entry = pagecache.lookup_environ(environ_for("/world/a-story/")).entry
    print(f", {len(entry['bodies']['gzip']):,} gzip, {len(entry['bodies']['br']):,} brotli")


if __name__ == "__main__":
    main()
