"""Benchmark: the first page of each thread order at 10 and at 30,000 comments.

    NEWSDESK_DATA_DIR=/tmp/nd-bench-sorts uv run python bench/comment_sorts.py \\
        --label SQLite --write
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench REDIS_URL=redis://127.0.0.1:6379/4 \\
        NEWSDESK_DATA_DIR=/tmp/nd-bench-sorts-pg uv run python bench/comment_sorts.py \\
        --label PostgreSQL --write

Builds two articles (bulk inserts: half first comments with recommendation and reply
counts full of ties, half replies spread over the threads, one in fifty featured), then
renders `/comments/<id>/?sort=...` and `?tab=picks` in-process with Django's test client,
uncached, and prints the median time and the query count of each. With --write it puts
the table into docs/PERFORMANCE.md between this script's markers for that label.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
ROUNDS = 20
QUERIES = ["", "?sort=oldest", "?sort=recommended", "?sort=replies", "?tab=picks"]
DOC = REPO / "docs" / "PERFORMANCE.md"


def build(total: int, section, readers):
    from django.utils import timezone

    from newsdesk.articles.services import article_create
    from newsdesk.discussions.models import Comment

    article = article_create(
        section=section,
        title=f"Sorted thread of {total} comments {time.time_ns()}",
        body=[{"type": "paragraph", "value": "<p>Bench.</p>"}],
        tags=[],
        published_at=timezone.now(),
        publish=True,
    )
    now, rng = timezone.now(), random.Random(total)
    root_total = total // 2
    roots = Comment.objects.bulk_create(
        (
            Comment(
                article_id=article.pk,
                author=readers[n % len(readers)],
                body=f"first comment {n}",
                body_html=f"<p>first comment {n} with a few more words to render</p>",
                fingerprint=f"{article.pk}r{n}",
                created_at=now - timedelta(seconds=n),
                recommend_count=rng.randrange(0, 40),  # many ties: the id must break them
                featured=n % 50 == 0,
            )
            for n in range(root_total)
        ),
        batch_size=2000,
    )
    replies = total - root_total
    Comment.objects.bulk_create(
        (
            Comment(
                article_id=article.pk,
                author=readers[n % len(readers)],
                parent_id=roots[n % len(roots)].pk,
                in_reply_to_id=roots[n % len(roots)].pk,
                body=f"reply {n}",
                body_html=f"<p>reply {n}</p>",
                fingerprint=f"{article.pk}p{n}",
                created_at=now + timedelta(seconds=n),
            )
            for n in range(replies)
        ),
        batch_size=2000,
    )
    per_root, extra = divmod(replies, len(roots))
    for index, root in enumerate(roots):
        root.reply_count = per_root + (1 if index < extra else 0)
    Comment.objects.bulk_update(roots, ["reply_count"], batch_size=2000)
    return article


def measure(client, connection, url):
    client.get(url)  # warm: site lookup, settings
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda run, sql, *rest, log=queries: log.append(sql) or run(sql, *rest)
    ):
        response = client.get(url)
    assert response.status_code == 200, url
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, len(queries)


def write(label: str, table: str) -> None:
    start, end = (
        f"<!-- bench/comment_sorts.py {label} -->",
        f"<!-- /bench/comment_sorts.py {label} -->",
    )
    block = f"{start}\n{table}\n{end}"
    text = DOC.read_text()
    if start in text:
        text = re.sub(
            re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S
        )
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="SQLite")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from newsdesk.demo.services import demo_is_loaded, demo_load
    from newsdesk.discussions.tests.factories import reader_factory
    from newsdesk.sections.models import SectionPage

    settings.ALLOWED_HOSTS = ["*"]
    settings.NEWSDESK_PAGE_CACHE = False  # measure the view, not the page cache
    call_command("migrate", interactive=False, verbosity=0)
    if not demo_is_loaded():
        demo_load()
    section = SectionPage.objects.live().first()
    readers = [reader_factory(username=f"sorts{time.time_ns() % 10**9}{n}") for n in range(20)]
    client = Client()
    rows = []
    articles = {total: build(total, section, readers) for total in (10, 30_000)}
    for query in QUERIES:
        cells = []
        for total, article in articles.items():
            ms, count = measure(client, connection, f"/comments/{article.pk}/{query}")
            cells.append((total, ms, count))
        name = query.lstrip("?") or "sort=newest (default)"
        rows.append(
            f"| `{name}` | {cells[0][2]} | {cells[0][1]:.1f} | {cells[1][2]} | {cells[1][1]:.1f} |"
        )
    table = "\n".join(
        [
            f"{args.label} ({connection.vendor}), first page of `/comments/<id>/`, uncached, "
            f"median of {ROUNDS}:",
            "",
            "| order | queries at 10 | ms at 10 | queries at 30,000 | ms at 30,000 |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    if args.write:
        write(args.label, table)


if __name__ == "__main__":
    main()
