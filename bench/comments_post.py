"""Benchmark: many readers posting comments at once against `newsdesk serve`.

    NEWSDESK_DATA_DIR=/tmp/nd-bench-sqlite uv run python bench/comments_post.py --label SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench REDIS_URL=redis://127.0.0.1:6379/4 \\
        NEWSDESK_DATA_DIR=/tmp/nd-bench-pg uv run python bench/comments_post.py --label PostgreSQL

It prepares the database (migrate, demo), creates the readers and their sessions with
the ORM (as `newsdesk shell` would), relaxes the comments settings of the default site
for the run (rate limits off, new-account hold off: a real site keeps them), starts
`newsdesk serve` on --port, lets every reader post --comments comments at the same time
through the same endpoint the page's script uses, then checks the database: every
accepted comment stored exactly once, no server errors. Prints one Markdown table row.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")


def prepare(readers: int, run: str, rate_limit: int = 0):
    """``rate_limit`` per reader per minute; 0 switches limits off for the run."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connections
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone
    from wagtail.models import Site

    from newsdesk.articles.models import ArticlePage
    from newsdesk.demo.services import demo_is_loaded, demo_load
    from newsdesk.discussions.models import ArticleDiscussion, DiscussionSettings
    from newsdesk.discussions.tests.factories import reader_factory

    call_command("migrate", interactive=False, verbosity=0)
    if not demo_is_loaded():
        demo_load()
    site = Site.objects.get(is_default_site=True)
    settings = DiscussionSettings.for_site(site)
    settings.rate_limit_per_minute = rate_limit
    settings.new_account_rate_limit_per_minute = rate_limit
    settings.close_after_days = 0
    settings.save()
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    ArticleDiscussion.objects.filter(page_id=article.pk).update(closed=False, premoderated=False)
    sessions = []
    for index in range(readers):
        user = reader_factory(username=f"b{run}r{index}"[:30], days_old=30)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(timedelta(hours=2))
        store.create()
        sessions.append((store.session_key, _get_new_csrf_string()))
    connections.close_all()
    return article.pk, sessions, timezone.now()


def serve(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--no-worker"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(240):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    raise SystemExit("newsdesk serve did not start")


def run(args):
    tag = uuid.uuid4().hex[:8]
    article_id, sessions, _ = prepare(args.readers, tag)
    server = serve(args.port)
    url = f"http://127.0.0.1:{args.port}/comments/{article_id}/post/"
    barrier = threading.Barrier(len(sessions))
    results = []  # (status, seconds, body)
    lock = threading.Lock()

    def reader(index):
        session_key, csrf = sessions[index]
        http = requests.Session()
        http.cookies.set("sessionid", session_key)
        http.cookies.set("csrftoken", csrf)
        barrier.wait()
        for n in range(args.comments):
            body = f"bench {tag} reader {index} comment {n}: the alliance needs a plan."
            started = time.perf_counter()
            try:
                response = http.post(
                    url,
                    data={"body": body},
                    headers={"Accept": "application/json", "X-CSRFToken": csrf},
                    timeout=60,
                )
                status = response.status_code
            except requests.RequestException:
                status = 0
            with lock:
                results.append((status, time.perf_counter() - started, body))

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
            list(pool.map(reader, range(len(sessions))))
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    from django.db.models import Count

    from newsdesk.discussions.models import Comment

    stored = dict(
        Comment.objects.filter(body__startswith=f"bench {tag} ")
        .values_list("body")
        .annotate(n=Count("id"))
        .values_list("body", "n")
    )
    accepted = [body for status, _, body in results if status == 201]
    lost = sum(1 for body in accepted if body not in stored)
    duplicated = sum(n - 1 for n in stored.values() if n > 1)
    unexpected = sum(1 for body in stored if body not in set(accepted))
    errors_5xx = sum(1 for status, _, _ in results if status >= 500)
    failed = sum(1 for status, _, _ in results if status == 0)
    latencies = sorted(seconds for _, seconds, _ in results)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
    print(
        f"| {args.label} | {args.readers} x {args.comments} | {len(accepted)}/{len(results)} "
        f"| {len(accepted) / elapsed:.1f} | {p50:.0f} | {p99:.0f} | {lost} | {duplicated} "
        f"| {errors_5xx} | {failed} | {unexpected} |"
    )
    ok = lost == duplicated == errors_5xx == failed == unexpected == 0
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--comments", type=int, default=10)
    parser.add_argument("--port", type=int, default=8450)
    parser.add_argument("--label", default="SQLite")
    args = parser.parse_args()
    print(
        "| database | readers x comments | accepted | comments/s | p50 ms | p99 ms | lost "
        "| duplicated | 5xx | no answer | stored but not acknowledged |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    sys.exit(run(args))


if __name__ == "__main__":
    main()
