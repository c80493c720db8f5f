"""Readers poll one live blog's entries document while a reporter posts every 10 s.

Start a server first (it loads the demo, which has a live blog on each site), then:

    NEWSDESK_DATA_DIR=/tmp/nd-bench uv run newsdesk serve --port 8600 &
    uv run python bench/liveblog_poll.py --base-url http://127.0.0.1:8600

Two phases, both against ``/live/blogs/<id>/entries.json?since=<id>`` as the page's
script asks for it (``If-None-Match`` with the last ETag, so an unchanged blog is a 304):

1. *post to visible*: ``--readers`` readers poll every ``--interval`` seconds (the
   site's ``NEWSDESK_LIVEBLOG_POLL_SECONDS``), each from a random phase, while the demo
   editor posts an entry from the admin desk every 10 s, ``--posts`` times. For each
   entry and reader: the time from the post's response to the poll that brought the
   entry. Goal: at most the poll interval + 1 s.
2. *poll throughput, Python clients*: ``--threads`` readers poll back to back for
   ``--seconds``: requests per second and the share answered 304 (client-bound).
3. *poll throughput against nginx*: wrk (``--wrk-threads``, ``--wrk-connections``,
   ``--wrk-seconds``; bench/run.py's ``wrk``) on the blog's entries document
   ``/live/blogs/<id>/entries.json``, (a) with ``If-None-Match: <current ETag>``, the 304
   every polling reader of an unchanged blog gets, and (b) without it, a 200 with the full
   body; and nginx (bench/run.py's ``start_nginx``) serving the same bytes as a static file
   in the same run, (a) with nginx's own ETag and (b) without. Requests per second, p50/p99
   and each as a ratio to nginx. ``--no-wrk`` skips it.

Figures go to ``docs/performance-liveblog.md`` (``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shlex
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import REPO, start_nginx, stop, wrk

DOC = REPO / "docs" / "performance-liveblog.md"
BLOG_PATH = "/business/budget-speech-2026-live-updates/"


def _paragraph(text: str) -> str:
    """A rich-text value as the admin's Draftail editor posts it."""
    block = {
        "key": "bench",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Reporter:
    def __init__(self, base: str, blog_id: int):
        self.base, self.desk = base, f"{base}/admin/live-blogs/{blog_id}/"
        self.session = requests.Session()
        login = self.session.get(f"{base}/admin/login/", timeout=60)
        self.session.post(
            f"{base}/admin/login/",
            data={
                "csrfmiddlewaretoken": _token(login.text),
                "username": "editor",
                "password": "newsdesk-demo",
            },
            headers={"Referer": f"{base}/admin/login/"},
            timeout=60,
        )

    def post(self, text: str) -> float:
        token = _token(self.session.get(self.desk, timeout=60).text)
        data = {
            "csrfmiddlewaretoken": token,
            "title": "",
            "author": "",
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": _paragraph(text),
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
        }
        response = self.session.post(
            self.desk, data=data, headers={"Referer": self.desk}, timeout=60, allow_redirects=False
        )
        assert response.status_code == 302, response.text[-1500:]
        return time.monotonic()


class Reader(threading.Thread):
    """Polls like the page's script: since the newest id it has, with the last ETag."""

    def __init__(self, url: str, latest: int, interval: float, stop: threading.Event):
        super().__init__(daemon=True)
        self.url, self.latest, self.interval, self.stop = url, latest, interval, stop
        self.seen: dict[str, float] = {}  # entry text -> when this reader first had it
        self.etag = ""
        self.session = requests.Session()
        self.statuses: list[int] = []

    def poll(self) -> None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.session.get(f"{self.url}?since={self.latest}", headers=headers, timeout=30)
        self.statuses.append(response.status_code)
        if response.status_code != 200:
            return
        self.etag = response.headers.get("ETag", "")
        data = response.json()
        now = time.monotonic()
        for entry in data["entries"]:
            for text in re.findall(r"bench entry \d+", entry["html"]):
                self.seen.setdefault(text, now)
        if data["latest_id"] > self.latest:
            self.latest = data["latest_id"]
            self.etag = ""  # the next poll asks with a new ``since``: another document

    def run(self) -> None:
        self.stop.wait(random.uniform(0, self.interval))
        while not self.stop.is_set():
            try:
                self.poll()
            except requests.RequestException:
                self.statuses.append(0)
            self.stop.wait(self.interval)


class Hammer(Reader):
    def run(self) -> None:
        first = self.session.get(f"{self.url}?since={self.latest}", timeout=30)
        self.etag = first.headers.get("ETag", "")
        while not self.stop.is_set():
            try:
                response = self.session.get(
                    f"{self.url}?since={self.latest}",
                    headers={"If-None-Match": self.etag},
                    timeout=30,
                )
                self.statuses.append(response.status_code)
            except requests.RequestException:
                self.statuses.append(0)


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def against_nginx(url: str, args) -> dict:
    """wrk on the entries document, conditional (304) and full (200), and on nginx
    serving the same bytes as a static file, in the same run."""
    # As wrk asks: no Accept-Encoding (requests would ask for gzip, another body and ETag).
    plain = {"Accept-Encoding": "identity"}
    full = requests.get(url, headers=plain, timeout=60)
    full.raise_for_status()
    etag = full.headers["ETag"]
    revalidated = requests.get(url, headers={**plain, "If-None-Match": etag}, timeout=60)
    assert revalidated.status_code == 304, f"{url} with its ETag: {revalidated.status_code}"
    if not _port_is_free(args.nginx_port):
        sys.exit(f"Port {args.nginx_port} is taken: pass another --nginx-port.")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-liveblog-nginx-"))
    work.chmod(0o755)  # nginx's workers run as another user
    (work / "www").mkdir()
    (work / "www" / "entries.json").write_bytes(full.content)
    (work / "www" / "home.html").write_text("ok\n")  # start_nginx waits for /home.html
    static = f"http://127.0.0.1:{args.nginx_port}/entries.json"
    options = SimpleNamespace(
        threads_wrk=args.wrk_threads, connections=args.wrk_connections, duration=args.wrk_seconds
    )
    rows = []
    nginx = start_nginx(work, args.nginx_port)
    try:
        static_full = requests.get(static, headers=plain, timeout=30)
        assert static_full.content == full.content, "nginx does not serve the same bytes"
        static_etag = static_full.headers["ETag"]
        assert (
            requests.get(
                static, headers={**plain, "If-None-Match": static_etag}, timeout=30
            ).status_code
            == 304
        ), "nginx does not answer its own ETag with a 304"
        for case, conditional in (("304 (If-None-Match)", True), ("200 (full body)", False)):
            for server, target, tag in (("nginx", static, static_etag), ("newsdesk", url, etag)):
                headers = (f"If-None-Match: {tag}",) if conditional else ()
                print(f"  wrk {case:<20} {server:<8} ...", flush=True)
                rps, p50, p99, errors = wrk(options, target, headers=headers)
                rows.append(
                    {
                        "case": case,
                        "server": server,
                        "rps": rps,
                        "p50_ms": p50,
                        "p99_ms": p99,
                        "errors": errors,
                    }
                )
    finally:
        stop(nginx)
        shutil.rmtree(work, ignore_errors=True)
    # A write during the run would have turned the 304s into 200s: the ETag must still hold.
    after = requests.get(url, headers={**plain, "If-None-Match": etag}, timeout=60)
    assert after.status_code == 304, "the blog changed during the wrk run; run it again"
    for row in rows:
        base = next(r for r in rows if r["case"] == row["case"] and r["server"] == "nginx")
        row["ratio"] = row["rps"] / base["rps"] if base["rps"] else 0.0
    return {
        "rows": rows,
        "bytes": len(full.content),
        "url": url,
        "wrk": (
            f"wrk -t{args.wrk_threads} -c{args.wrk_connections} -d{args.wrk_seconds}s --latency "
            "[-H 'If-None-Match: <ETag>'] <url>"
        ),
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8600")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--posts", type=int, default=6)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--wrk-connections", type=int, default=32)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--nginx-port", type=int, default=8747)
    parser.add_argument("--no-wrk", action="store_true", help="skip the wrk/nginx section")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    if not args.no_wrk:
        for tool in ("wrk", "nginx"):
            if shutil.which(tool) is None:
                sys.exit(f"{tool} is needed (apt-get install {tool}), or pass --no-wrk.")
    command = shlex.join(["uv", "run", "python", "bench/liveblog_poll.py", *sys.argv[1:]])
    load_at_start = os.getloadavg()[0]
    started_at = dt.datetime.now(tz=dt.UTC)

    page = requests.get(base + BLOG_PATH, timeout=120).text
    blog_id = int(re.search(r"/live/blogs/(\d+)/entries\.json", page).group(1))
    latest = int(re.search(r'data-latest-id="(\d+)"', page).group(1))
    url = f"{base}/live/blogs/{blog_id}/entries.json"

    stop = threading.Event()
    readers = [Reader(url, latest, args.interval, stop) for _ in range(args.readers)]
    for reader in readers:
        reader.start()
    reporter = Reporter(base, blog_id)
    posted: dict[str, float] = {}
    tag = random.randint(1000, 9999)
    for n in range(args.posts):
        text = f"bench entry {tag}{n}"
        posted[text] = reporter.post(text)
        time.sleep(10)
    time.sleep(args.interval + 2)
    stop.set()
    for reader in readers:
        reader.join()
    delays = [r.seen[t] - at for t, at in posted.items() for r in readers if t in r.seen]
    missed = sum(1 for t in posted for r in readers if t not in r.seen)
    statuses = [s for r in readers for s in r.statuses]

    stop = threading.Event()
    hammers = [Hammer(url, latest + 10**6, 0, stop) for _ in range(args.threads)]
    started = time.monotonic()
    for hammer in hammers:
        hammer.start()
    time.sleep(args.seconds)
    stop.set()
    for hammer in hammers:
        hammer.join()
    elapsed = time.monotonic() - started
    polls = [s for h in hammers for s in h.statuses]

    versus = None if args.no_wrk else against_nginx(url, args)

    q = statistics.quantiles(delays, n=100) if len(delays) > 1 else [0] * 99
    figures = {
        "readers": args.readers,
        "interval": args.interval,
        "posts": args.posts,
        "samples": len(delays),
        "missed": missed,
        "p50": statistics.median(delays) if delays else 0,
        "p95": q[94],
        "max": max(delays, default=0),
        "share_304_slow": statuses.count(304) / max(1, len(statuses)),
        "rps": len(polls) / elapsed,
        "share_304": polls.count(304) / max(1, len(polls)),
        "errors": sum(1 for s in polls + statuses if s not in (200, 304)),
        "threads": args.threads,
        "versus_nginx": versus,
        "command": command,
        "load_at_start": load_at_start,
        "started_at": f"{started_at:%Y-%m-%d %H:%M} UTC",
    }
    print(json.dumps(figures, indent=2))
    if versus:
        print()
        print(_versus_table(versus))
    if not args.no_write:
        _write(figures, base)


def _versus_table(v: dict) -> str:
    lines = [
        "| request | served by | req/s | p50 ms | p99 ms | ratio to nginx | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in v["rows"]:
        lines.append(
            f"| {r['case']} | {r['server']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} "
            f"| {r['p99_ms']:.2f} | {r['ratio']:.3f} | {r['errors']} |"
        )
    return "\n".join(lines)


def _versus_section(f: dict) -> str:
    v = f["versus_nginx"]
    if not v:
        return ""
    path = v["url"].split("://", 1)[-1].split("/", 1)[-1]
    return f"""### Requests per second against nginx (wrk)

`{v["wrk"]}` on `/{path}` ({v["bytes"] / 1024:.1f} KB), then on nginx
(bench/run.py's `start_nginx`: 2 workers, sendfile, no access log) serving the same
bytes as a static file, in the same run. *304*: every request carries the current
ETag (`If-None-Match`), the answer each polling reader of an unchanged blog gets (nginx
with its own ETag); *200*: no ETag, the full document. The ratio is to nginx in the same
row pair, since absolute figures drift with whatever else the machine does. The ETag was
checked to still answer 304 after the run (no write in between). Load average
{v["load"]:.1f} when the section ended. wrk, nginx and the app share the machine's cores.

{_versus_table(v)}

"""


def _write(f: dict, base: str) -> None:
    goal = f["interval"] + 1
    verdict = "met" if f["max"] <= goal else "not met"
    DOC.write_text(
        f"""# Performance: live-blog polling

Measured by `bench/liveblog_poll.py` on {f["started_at"]} against
`newsdesk serve` ({base}, SQLite and the disk cache, the default profile: gunicorn
gthread, {min(4, (os.cpu_count() or 1) + 1)} workers x 4 threads unless `WEB_CONCURRENCY` or
`WEB_THREADS` say otherwise), Python {platform.python_version()}, {os.cpu_count()} cores,
load average {f["load_at_start"]:.1f} when the run started. Command:

    {f["command"]}

## Post to visible

{f["readers"]} readers poll the demo live blog's entries document every {f["interval"]:.0f} s
(as the page's script does while its tab is visible, each from a random phase); the demo
editor posts an entry from the admin desk every 10 s, {f["posts"]} times.

| measure | value |
|---|---|
| reader-entry samples | {f["samples"]} (missed: {f["missed"]}) |
| post to visible, median | {f["p50"]:.2f} s |
| post to visible, p95 | {f["p95"]:.2f} s |
| post to visible, worst | {f["max"]:.2f} s |
| goal (poll interval + 1 s) | {goal:.0f} s: {verdict} |
| polls answered 304 | {f["share_304_slow"]:.0%} |

With an entry every 10 s and a poll every 10 s nearly every poll brings something new,
so few are 304s here; a quieter blog answers most polls 304 (next table). A reader's wait
is mostly where its poll falls in the interval (uniform, so the median is
about half of it); the server's part is the time for the write's purge to land, which
happens before the post's response returns.

## Poll throughput

{_versus_section(f)}### Python clients

{f["threads"]} Python clients (`requests`, one thread each) poll back to back with the
ETag they were given (an unchanged blog). This is bound by the clients, not the server:
see the wrk figures above for what the endpoint sustains.

| measure | value |
|---|---|
| polls per second | {f["rps"]:.0f} |
| answered 304 | {f["share_304"]:.0%} |
| errors | {f["errors"]} |

A repeat poll is answered from the page cache (a `304` without Django when `newsdesk serve`
runs its page-cache WSGI wrapper), or by the view from the blog's version token in the
cache without a database query.
"""
    )
    print(f"wrote {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
