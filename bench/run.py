"""Benchmark newsdesk against nginx serving the same bytes, and write docs/PERFORMANCE.md.

    uv run python bench/run.py                      # wrk -t2 -c32 -d15s, SQLite, 1,000 articles
    uv run python bench/run.py --duration 3         # the short smoke form CI can afford
    uv run python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/nd_bench
    uv run python bench/run.py --data-dir /tmp/big  # reuse a prepared data folder

It prepares a data folder (migrate, demo, ``generate_content``), then for each page
measures four ways of serving it, each with wrk in the same sitting:

- **static**: nginx (``tcp_nopush off``) serving the page's bytes as a file, the baseline;
- **uncached**: the app (gunicorn) with the page cache off, every request rendered;
- **app cache**: the same app with the page cache on; twice more for that mode: as a
  signed-in reader (a real session cookie) and for a client that accepts gzip and brotli
  (the compressed bytes stored with the page);
- **varnish**: Varnish with deploy/varnish/default.vcl in front of the uncached app.

The comment post is measured by ``bench/comments_post.py`` (many readers posting at once,
every post checked in the database afterwards; ``docs/performance-comments.md``): wrk
cannot post distinct comments with sessions, so its row here points there. Peak memory
per worker is the largest VmHWM of the gunicorn workers. Every figure is a ratio to
nginx in the same run, because absolute numbers drift with whatever else the machine is
doing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PORTS = {"uncached": 8801, "app cache": 8802, "varnish": 8880, "static": 8890}
PAGES = ["homepage", "article", "tag page", "/live/latest.json", "comment post"]


@dataclass
class Result:
    page: str
    mode: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    note: str = ""


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    memory_mb: dict[str, float] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)
    render_ms: dict[str, float] = field(default_factory=dict)
    info: dict[str, str] = field(default_factory=dict)


def log(message: str) -> None:
    print(message, flush=True)


def app_env(args, **extra) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
        "NEWSDESK_DATA_DIR": str(args.data_dir),
        "NEWSDESK_LOG_LEVEL": "WARNING",
        "DJANGO_ALLOWED_HOSTS": "*",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    env.update(extra)
    return env


def manage(args, *command: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *command],
        env=app_env(args),
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def prepare(args) -> None:
    log(f"Preparing {args.data_dir} ...")
    manage(args, "migrate", "--verbosity", "0")
    manage(args, "collectstatic", "--noinput", "--verbosity", "0")
    have = int(
        manage(
            args,
            "shell",
            "-c",
            "from newsdesk.articles.models import ArticlePage; print(ArticlePage.objects.count())",
        )
        .strip()
        .splitlines()[-1]
    )
    if have < args.articles:
        log(f"  generating {args.articles - have} articles ...")
        log(
            "  "
            + manage(
                args, "generate_content", "--articles", str(args.articles - have), "--load-demo"
            ).strip()
        )


def wait_for(port: int, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Nothing answered on port {port}")


def start_app(args, *, port: int, page_cache: bool) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "newsdesk.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
        *(["--worker-class", "gthread", "--threads", str(args.threads)] if args.threads else []),
    ]
    env = app_env(args, NEWSDESK_PAGE_CACHE="true" if page_cache else "false")
    process = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
    wait_for(port)
    return process


def worker_peak_mb(master: subprocess.Popen) -> float:
    peak = 0
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            status = (pid_dir / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master.pid}$", status, re.M):
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
            if found:
                peak = max(peak, int(found.group(1)))
    return round(peak / 1024, 1)


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def start_nginx(root: Path, port: int) -> subprocess.Popen:
    conf = root / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush off;
    tcp_nodelay on;
    keepalive_requests 100000;
    types {{ text/html html; application/json json; }}
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        location / {{ try_files $uri =404; }}
    }}
}}
"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(root)], start_new_session=True, stderr=subprocess.PIPE
    )
    wait_for(port, "/home.html")
    return process


WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(
    args, url: str, script: Path | None = None, headers: tuple[str, ...] = ()
) -> tuple[float, float, float, int]:
    command = [
        "wrk",
        f"-t{args.threads_wrk}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        *(["-s", str(script)] if script else []),
        *(part for header in headers for part in ("-H", header)),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
    text = output.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {m[0]: float(m[1]) * scale[m[2]] for m in WRK_LATENCY.findall(text)}
    errors = 0
    for match in re.finditer(
        r"(Non-2xx or 3xx responses|Socket errors: .*?timeout) ?:?\s*(\d+)", text
    ):
        errors += int(match.group(2))
    return rps, latency.get("50", 0.0), latency.get("99", 0.0), errors


def fetch(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def page_paths(args) -> dict[str, str]:
    script = (
        "import json\n"
        "from newsdesk.articles.models import ArticlePage\n"
        "from newsdesk.tags.models import Tag\n"
        "a = ArticlePage.objects.live().order_by('-first_published_at').first()\n"
        "t = Tag.objects.filter(tagged_articles__isnull=False).order_by('pk').first()\n"
        # The path only: with two demo sites Wagtail's page.url is absolute.
        "print(json.dumps({'article': a.get_url_parts()[2], 'tag': t.get_absolute_url()}))\n"
    )
    found = json.loads(manage(args, "shell", "-c", script).strip().splitlines()[-1])
    return {
        "homepage": "/",
        "article": found["article"],
        "tag page": found["tag"],
        "/live/latest.json": "/live/latest.json",
    }


def measure_in_process(args, paths: dict[str, str]) -> tuple[dict[str, int], dict[str, float]]:
    """Queries per page and median render time, through Django's test client."""
    script = f"""
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
paths = {json.dumps(paths)}
client = Client()
queries, render = {{}}, {{}}
for name, path in paths.items():
    if client.get(path).status_code != 200:
        continue
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    queries[name] = len(ctx.captured_queries)
    times = []
    for _ in range(30):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    render[name] = round(statistics.median(times), 2)
print(json.dumps([queries, render]))
"""
    env = app_env(args, NEWSDESK_PAGE_CACHE="false", DJANGO_DEBUG="false")
    output = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "shell", "-c", script],
        env={**env, "DJANGO_ALLOWED_HOSTS": "testserver,*"},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    queries, render = json.loads(output.strip().splitlines()[-1])
    return queries, render


def comment_post_script() -> Path | None:
    """A wrk script posting a comment, once issue #4's endpoint exists on this branch."""
    return None


SESSION_FOR_READER = """
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from newsdesk.accounts.models import User
user, _ = User.objects.get_or_create(username="benchreader", defaults={"email": "b@example.org"})
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.set_expiry(timedelta(hours=2))
store.create()
print(store.session_key)
"""


def bench(args) -> Run:
    run = Run()
    prepare(args)
    session_key = manage(args, "shell", "-c", SESSION_FOR_READER).strip().splitlines()[-1]
    paths = page_paths(args)
    run.queries, run.render_ms = measure_in_process(args, paths)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    work.chmod(0o755)  # nginx's workers run as another user
    (work / "www").mkdir()
    processes = []
    try:
        uncached = start_app(args, port=PORTS["uncached"], page_cache=False)
        processes.append(uncached)
        cached = start_app(args, port=PORTS["app cache"], page_cache=True)
        processes.append(cached)
        served = {}
        for page, path in paths.items():
            status, body = fetch(PORTS["uncached"], path)
            if status == 200:
                name = "home.html" if page == "homepage" else f"{page.replace(' ', '-')}.html"
                if path.endswith(".json"):
                    name = "latest.json"
                (work / "www" / name).write_bytes(body)
                served[page] = (path, name, len(body))
        nginx = start_nginx(work, PORTS["static"])
        processes.append(nginx)
        from newsdesk.caching.varnish import running_varnish

        with running_varnish(backend_port=PORTS["uncached"], port=PORTS["varnish"], memory="128m"):
            for page in PAGES:
                if page == "comment post":
                    run.results.append(
                        Result(
                            page,
                            "-",
                            note="see bench/comments_post.py (docs/performance-comments.md)",
                        )
                    )
                    continue
                if page not in served:
                    run.results.append(
                        Result(page, "-", note="skipped: not served on this branch (#6)")
                    )
                    continue
                path, name, size = served[page]
                run.info[page] = f"{path} ({size / 1024:.1f} KB)"
                targets = {
                    "static": f"http://127.0.0.1:{PORTS['static']}/{name}",
                    "uncached": f"http://127.0.0.1:{PORTS['uncached']}{path}",
                    "app cache": f"http://127.0.0.1:{PORTS['app cache']}{path}",
                    "varnish": f"http://127.0.0.1:{PORTS['varnish']}{path}",
                }
                for mode, url in targets.items():
                    try:
                        urllib.request.urlopen(url, timeout=30).read()  # warm
                    except urllib.error.HTTPError as error:
                        raise RuntimeError(f"{url} answered {error.code}") from error
                    log(f"  wrk {page:>18} {mode:<10} ...")
                    rps, p50, p99, errors = wrk(args, url)
                    run.results.append(Result(page, mode, rps, p50, p99, errors))
                    if mode != "app cache":
                        continue
                    for variant, header in (
                        ("app cache, signed in", f"Cookie: sessionid={session_key}"),
                        ("app cache, gzip/br", "Accept-Encoding: gzip, deflate, br"),
                    ):
                        log(f"  wrk {page:>18} {variant} ...")
                        rps, p50, p99, errors = wrk(args, url, headers=(header,))
                        run.results.append(Result(page, variant, rps, p50, p99, errors))
        run.memory_mb = {"uncached": worker_peak_mb(uncached), "app cache": worker_peak_mb(cached)}
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(work, ignore_errors=True)
    return run


def table(run: Run) -> str:
    static = {r.page: r.rps for r in run.results if r.mode == "static"}
    lines = [
        "| page | served by | req/s | p50 ms | p99 ms | ratio to static | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in run.results:
        if r.note:
            lines.append(f"| {r.page} | {r.note} | | | | | |")
            continue
        ratio = r.rps / static[r.page] if static.get(r.page) else 0
        lines.append(
            f"| {r.page} | {r.mode} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} "
            f"| {ratio:.4f} | {r.errors} |"
        )
    return "\n".join(lines)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_docs(path: Path, header: str, run: Run) -> None:
    """Replace the block between the bench markers; keep the prose around it."""
    block = "\n".join(
        [
            START,
            f"Run: {header}.",
            "",
            table(run),
            "",
            "| | " + " | ".join(run.render_ms) + " |",
            "|---|" + "---:|" * len(run.render_ms),
            "| queries per page | " + " | ".join(str(run.queries[k]) for k in run.render_ms) + " |",
            "| median render ms (in-process) | "
            + " | ".join(f"{v:.1f}" for v in run.render_ms.values())
            + " |",
            "",
            "Peak memory per worker: "
            + ", ".join(f"{k} {v:.0f} MB" for k, v in run.memory_mb.items())
            + ".",
            "",
            "Pages measured: " + "; ".join(f"{k} {v}" for k, v in run.info.items()) + ".",
            END,
        ]
    )
    text = path.read_text() if path.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(before + block + after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads-wrk", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app")
    parser.add_argument("--threads", type=int, default=0, help="gthread threads (0: sync)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument(
        "--port-base",
        type=int,
        default=0,
        help="use four ports from this one (uncached, app cache, varnish, static)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument(
        "--docs",
        default=str(REPO / "docs" / "PERFORMANCE.md"),
        help="replace the generated block of this file (--docs '' to skip)",
    )
    args = parser.parse_args()
    args.data_dir = (
        args.data_dir or Path(tempfile.mkdtemp(prefix="newsdesk-bench-data-"))
    ).resolve()
    if args.port_base:
        for offset, mode in enumerate(("uncached", "app cache", "varnish", "static")):
            PORTS[mode] = args.port_base + offset
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed: apt-get install {tool} (see .ci/run)")
    started = time.time()
    run = bench(args)
    server = f"gunicorn {'gthread x' + str(args.threads) if args.threads else 'sync'}"
    header = (
        f"wrk -t{args.threads_wrk} -c{args.connections} -d{args.duration}s; "
        f"{args.workers} {server} workers; "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}"
        f"{' + Redis' if args.redis_url else ''}; {args.articles:,} articles; "
        f"{os.cpu_count()} cores; load average before {os.getloadavg()[0]:.1f}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}"
    )
    print("\n" + header + "\n")
    print(table(run))
    print("\nPeak memory per worker (MB):", run.memory_mb)
    print("Queries per page:", run.queries)
    print("Median render ms (in-process, uncached):", run.render_ms)
    if args.docs:
        write_docs(Path(args.docs), header, run)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "header": header,
                    "table": table(run),
                    "memory_mb": run.memory_mb,
                    "queries": run.queries,
                    "render_ms": run.render_ms,
                    "pages": run.info,
                    "results": [r.__dict__ for r in run.results],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
