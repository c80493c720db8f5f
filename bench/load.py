"""Bounded load run: many readers browsing newsdesk at once; zero failures allowed.

    uv run python bench/load.py                    # 16 readers for 60 s on a fresh demo
    uv run python bench/load.py --duration 10      # the short form
    uv run python bench/load.py --data-dir /tmp/nd-load --users 32 --port 8960

It starts ``newsdesk serve --no-worker`` on a fresh SQLite data folder (which loads the
demo), finds a real article, tag and profile by following links from the RSS feed, then
runs --users threads (each a keep-alive ``requests`` session, like a browser) that fetch
the home page, an article, a tag page, the RSS feed, a search, ``/live/latest.json`` and
a profile in a random mix for --duration seconds. A failure is any answer that is not
200, a body without the page's expected text, or no answer within 30 s. Prints a
Markdown table (requests, failures, req/s, p50 and p99 per page) and exits 1 on any
failure. The page cache is on, as in production; --no-page-cache renders every request.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]


def serve(port: int, data_dir: str, page_cache: bool) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        NEWSDESK_DATA_DIR=data_dir,
        NEWSDESK_LOG_LEVEL="ERROR",
        NEWSDESK_PAGE_CACHE="true" if page_cache else "false",
        DJANGO_SETTINGS_MODULE="newsdesk.settings.base",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--no-worker"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(1200):
        if process.poll() is not None:
            raise SystemExit("newsdesk serve exited before answering")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("newsdesk serve did not start")


def discover(base: str) -> dict[str, tuple[str, bytes]]:
    """Page name -> (path, bytes the body must contain), found by following real links."""
    feed = requests.get(f"{base}/feeds/rss/", timeout=60).text
    article = re.findall(r"<link>https?://[^/<]+(/[^<]+)</link>", feed)[1]  # [0] is the site
    html = requests.get(base + article, timeout=60).text
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
    tag = re.search(r'href="(/tags/[^"]+/)"', html).group(1)
    home = requests.get(base + "/", timeout=60).text
    profile = re.search(r'href="(/people/(?!create/|me/)[^"/]+/)"', html + home)
    word = re.findall(r"[A-Za-z]{5,}", title)[0]
    pages = {
        "home": ("/", b"<main"),
        "article": (article, title.encode()[:40]),
        "tag": (tag, b"<main"),
        "feed": ("/feeds/rss/", b"<rss"),
        "search": (f"/search/?q={word}", b"<main"),
        "live": ("/live/latest.json", b"{"),
    }
    # The demo's reader (newsdesk.demo.services.DEMO_READER) when no page links a profile.
    profile_path = profile.group(1) if profile else "/people/thandi/"
    if requests.get(base + profile_path, timeout=60).status_code == 200:
        pages["profile"] = (profile_path, b"<main")
    return pages


def run(args) -> int:
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="nd-load-")
    base = f"http://127.0.0.1:{args.port}"
    server = serve(args.port, data_dir, not args.no_page_cache)
    try:
        pages = discover(base)
        names = list(pages)
        samples: dict[str, list[float]] = defaultdict(list)
        failures: dict[str, list[str]] = defaultdict(list)
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration

        def reader(seed: int) -> None:
            rng = random.Random(seed)
            http = requests.Session()
            while time.monotonic() < stop_at:
                name = rng.choice(names)
                path, expected = pages[name]
                started = time.perf_counter()
                try:
                    response = http.get(base + path, timeout=30)
                    problem = (
                        f"HTTP {response.status_code}"
                        if response.status_code != 200
                        else ("" if expected in response.content else "unexpected body")
                    )
                except requests.RequestException as error:
                    problem = type(error).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    samples[name].append(elapsed)
                    if problem:
                        failures[name].append(problem)

        started = time.perf_counter()
        threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    total = sum(len(v) for v in samples.values())
    failed = sum(len(v) for v in failures.values())
    print(
        f"{args.users} readers, {args.duration:.0f} s, page cache "
        f"{'off' if args.no_page_cache else 'on'}: {total} requests, {failed} failures, "
        f"{total / elapsed:.1f} req/s\n"
    )
    print("| page | path | requests | failures | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for name in names:
        times = sorted(samples[name]) or [0.0]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"| {name} | `{pages[name][0]}` | {len(samples[name])} | {len(failures[name])} "
            f"| {statistics.median(times) * 1000:.0f} | {p99 * 1000:.0f} |"
        )
    for name, problems in failures.items():
        if problems:
            print(f"{name}: {sorted(set(problems))}", file=sys.stderr)
    return 1 if failed or not total else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--port", type=int, default=8960)
    parser.add_argument("--data-dir", default="", help="reuse a data folder (default: fresh)")
    parser.add_argument("--no-page-cache", action="store_true")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
