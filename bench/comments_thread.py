"""Benchmark: render the first page of a thread of 10 and of 30,000 comments.

    NEWSDESK_DATA_DIR=/tmp/nd-bench-thread uv run python bench/comments_thread.py

Builds two articles in the database (bulk inserts: half first comments, half replies
spread over the first page's threads), then renders `/comments/<id>/` in-process with
Django's test client, uncached, and prints the median time and the query count of each.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
ROUNDS = 30


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from newsdesk.articles.models import ArticlePage
    from newsdesk.articles.services import article_create
    from newsdesk.demo.services import demo_is_loaded, demo_load
    from newsdesk.discussions.models import Comment
    from newsdesk.discussions.tests.factories import reader_factory
    from newsdesk.sections.models import SectionPage

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)
    if not demo_is_loaded():
        demo_load()
    section = SectionPage.objects.live().first()
    readers = [reader_factory(username=f"thread{time.time_ns() % 10**9}{n}") for n in range(20)]

    def article_with(total: int) -> ArticlePage:
        article = article_create(
            section=section,
            title=f"Thread of {total} comments {time.time_ns()}",
            body=[{"type": "paragraph", "value": "<p>Bench.</p>"}],
            tags=[],
            published_at=timezone.now(),
            publish=True,
        )
        now = timezone.now()
        roots = Comment.objects.bulk_create(
            (
                Comment(
                    article_id=article.pk,
                    author=readers[n % 20],
                    body=f"first comment {n}",
                    body_html=f"<p>first comment {n} with a few more words to render</p>",
                    fingerprint=f"{article.pk}r{n}",
                    created_at=now - timedelta(seconds=n),
                )
                for n in range(total // 2)
            ),
            batch_size=2000,
        )
        Comment.objects.bulk_create(
            (
                Comment(
                    article_id=article.pk,
                    author=readers[n % 20],
                    parent_id=roots[n % 20].pk,
                    in_reply_to_id=roots[n % 20].pk,
                    body=f"reply {n}",
                    body_html=f"<p>reply {n}</p>",
                    fingerprint=f"{article.pk}p{n}",
                    created_at=now + timedelta(seconds=n),
                )
                for n in range(total - total // 2)
            ),
            batch_size=2000,
        )
        return article

    client = Client()
    print(f"database: {connection.vendor}")
    print("| comments on the article | first page: median ms | queries |")
    print("|---|---|---|")
    for total in (10, 30_000):
        article = article_with(total)
        url = f"/comments/{article.pk}/"
        client.get(url)  # warm: site lookup, settings
        queries = []
        with connection.execute_wrapper(
            lambda run, sql, *rest, log=queries: log.append(sql) or run(sql, *rest)
        ):
            response = client.get(url)
        assert response.status_code == 200
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        print(f"| {total:,} | {statistics.median(timings) * 1000:.1f} | {len(queries)} |")


if __name__ == "__main__":
    main()
