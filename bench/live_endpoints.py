"""Load /live/latest.json and a local component endpoint with wrk; print and record figures.

Start a server first (any profile), then:

    NEWSDESK_DATA_DIR=/tmp/nd-bench uv run newsdesk serve --port 8600 &
    uv run python bench/live_endpoints.py --base-url http://127.0.0.1:8600

What it measures:

- ``/live/latest.json`` as open homepages poll it: most polls carry the ETag they got
  last time (``If-None-Match``) and should get ``304 Not Modified``; ``--fresh-share`` of
  them come from readers with no copy yet and get the full JSON.
- ``/local/components/weather/`` with a reader's location cookie: personal, never cached
  by a front cache, so every request reaches Django.

For each: requests per second, p50/p99 latency and the share answered 304, written to
``docs/performance-live.md`` (``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance-live.md"

LUA = r"""
local etag = os.getenv("BENCH_ETAG") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local fresh_share = tonumber(os.getenv("BENCH_FRESH_SHARE") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  not_modified, ok, other = 0, 0, 0
end

function request()
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if etag ~= "" and math.random() >= fresh_share then headers["If-None-Match"] = etag end
  return wrk.format("GET", nil, headers)
end

function response(status, headers, body)
  if status == 304 then not_modified = not_modified + 1
  elseif status == 200 then ok = ok + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local n304, n200, nother = 0, 0, 0
  for _, thread in ipairs(threads) do
    n304 = n304 + thread:get("not_modified")
    n200 = n200 + thread:get("ok")
    nother = nother + thread:get("other")
  end
  io.write(string.format("BENCH p50=%.3f p99=%.3f s304=%d s200=%d sother=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, n304, n200, nother))
end
"""


def run_wrk(*, url: str, seconds: int, connections: int, threads: int, env: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            check=True,
        )
    finally:
        os.unlink(script.name)
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bench = re.search(r"BENCH p50=([\d.]+) p99=([\d.]+) s304=(\d+) s200=(\d+) sother=(\d+)", out)
    p50, p99 = float(bench.group(1)), float(bench.group(2))
    n304, n200, nother = (int(bench.group(i)) for i in (3, 4, 5))
    total = n304 + n200 + nother
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "share_304": n304 / total if total else 0.0,
        "requests": total,
        "non_2xx_3xx": nother,
        "socket_errors": errors.group(1).strip() if errors else "none",
    }


def location_cookie(base: str) -> str:
    """Save weather = Cape Town as an anonymous reader and return the cookie it sets."""
    session = requests.Session()
    session.get(f"{base}/location/", timeout=10)
    token = session.cookies.get("csrftoken")
    response = session.post(
        f"{base}/location/",
        data={"csrfmiddlewaretoken": token, "weather": "cape-town", "traffic": "durban"},
        headers={"Referer": f"{base}/location/"},
        allow_redirects=False,
        timeout=10,
    )
    value = response.cookies.get("newsdesk_location")
    if not value:
        sys.exit(f"Saving a location did not set the cookie (HTTP {response.status_code}).")
    return f"newsdesk_location={value}"


def write_doc(rows: list[tuple[str, dict]], args) -> None:
    cores = os.cpu_count()
    load = args.load_at_start
    lines = [
        "## Live and local endpoints (issue #6)",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `bench/live_endpoints.py` "
        f"with wrk ({args.threads} threads, {args.connections} connections, "
        f"{args.seconds} s each) against `{args.base_url}` ({args.label}); "
        f"{platform.system()} on {cores} CPU cores shared with other work (load average "
        f"{load:.1f} when the run started), so read these as a floor, not a ceiling.",
        "",
        "| endpoint | req/s | p50 | p99 | answered 304 | errors |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | "
            f"{r['share_304']:.0%} | {r['non_2xx_3xx']} non-2xx/3xx; sockets: "
            f"{r['socket_errors']} |"
        )
    lines += [
        "",
        "- `/live/latest.json` is the same for everyone: it is built once per publish (or",
        "  every few seconds) and kept in the cache, so a poll costs a cache read and a hash",
        "  compare. With `Cache-Control: public, max-age=5` a CDN or Varnish in front absorbs",
        "  nearly all of it; these figures are Django alone, with no front cache.",
        f"- {args.fresh_share:.0%} of the polls carry no ETag (a reader's first check); the",
        "  rest send the current one and get `304 Not Modified` with an empty body.",
        "- `/local/components/weather/` is personal (`private, no-store`): each request reads",
        "  the reader's cookie and one place row, and serves the weather from the per-place",
        "  cache (one upstream call per place per 10 minutes at most).",
        "",
    ]
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text("\n".join(lines), encoding="utf-8")
    print(f"\nWrote {DOC.relative_to(REPO)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8600")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fresh-share", type=float, default=0.1)
    parser.add_argument("--label", default="newsdesk serve, embedded default profile")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk).")
    base = args.base_url.rstrip("/")
    args.load_at_start = os.getloadavg()[0]
    latest = requests.get(f"{base}/live/latest.json", timeout=10)
    latest.raise_for_status()
    cookie = location_cookie(base)
    common = dict(seconds=args.seconds, connections=args.connections, threads=args.threads)
    rows = [
        (
            "`GET /live/latest.json` (polls, mostly conditional)",
            run_wrk(
                url=f"{base}/live/latest.json",
                env={
                    "BENCH_ETAG": latest.headers["ETag"],
                    "BENCH_FRESH_SHARE": str(args.fresh_share),
                },
                **common,
            ),
        ),
        (
            "`GET /local/components/weather/` (with a location cookie)",
            run_wrk(
                url=f"{base}/local/components/weather/",
                env={"BENCH_COOKIE": cookie},
                **common,
            ),
        ),
    ]
    for name, r in rows:
        print(
            f"{name}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
            f"304 {r['share_304']:.0%} of {r['requests']} (errors: {r['non_2xx_3xx']}, "
            f"sockets: {r['socket_errors']})"
        )
    if not args.no_write:
        write_doc(rows, args)


if __name__ == "__main__":
    main()
