"""Where an uncached render spends its time: cProfile, CPU time and queries per page.

    NEWSDESK_DATA_DIR=/tmp/nd-demo uv run newsdesk load_demo   # once
    NEWSDESK_DATA_DIR=/tmp/nd-demo uv run python bench/render_profile.py [--top 25]

Renders the seed article, the homepage and the seed's section in-process through
Django's test client with the page cache off, warm (after two renders). CPU time is
``time.process_time`` per render (median of ``--renders``), which a busy machine distorts
less than wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
os.environ["NEWSDESK_PAGE_CACHE"] = "false"
os.environ.setdefault("NEWSDESK_LOG_LEVEL", "WARNING")
os.environ["DJANGO_ALLOWED_HOSTS"] = "*"

SEED_TITLE = "Japan, US to modernise military alliance"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true")
    cli = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from newsdesk.articles.models import ArticlePage

    seed = ArticlePage.objects.live().filter(title=SEED_TITLE).first()
    paths = {"seed article": seed.url, "homepage": "/", "section": seed.get_parent().url}
    client = Client(HTTP_HOST="localhost")
    print(f"| page | queries | CPU ms per render | wall ms per render (medians of {cli.renders}) |")
    print("|---|---:|---:|---:|")
    for name, path in paths.items():
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        cpu, wall = [], []
        for _ in range(cli.renders):
            started, started_wall = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append((time.process_time() - started) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        print(
            f"| {name} | {len(executed)} | {statistics.median(cpu):.1f} "
            f"| {statistics.median(wall):.1f} |"
        )
    if cli.no_profile:
        return
    for name, path in paths.items():
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            client.get(path)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(r"newsdesk/|wagtail/(models|contrib/settings|templatetags)", cli.top)
        print(f"\n### {name}: cumulative, 10 renders\n")
        print(out.getvalue().split("ncalls", 1)[-1][:6000])


if __name__ == "__main__":
    main()
