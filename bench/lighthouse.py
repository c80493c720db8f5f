"""Lighthouse 12 scores for every public page type, written to docs/PERFORMANCE-lighthouse.md.

    uv run python bench/lighthouse.py                    # fresh `newsdesk serve`, both forms
    uv run python bench/lighthouse.py --url http://127.0.0.1:8000   # a server already running
    uv run python bench/lighthouse.py --pages home article --runs 3

Needs ``npm ci`` (lighthouse 12.2 is a dev dependency in package.json) and Debian's
Chromium (``CHROME_PATH``, default /usr/bin/chromium). Not part of CI: scores depend on
the machine's load, so they are a benchmark, read with the date and load they were taken at.
Each page is measured ``--runs`` times per form factor and the median score is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = REPO / "docs" / "PERFORMANCE-lighthouse.md"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = "--headless --no-sandbox"
ATTEMPTS = 3


def lighthouse(url: str, form_factor: str) -> dict[str, int]:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    # On a busy machine Chromium sometimes loses the trace (NO_NAVSTART); Lighthouse's own
    # advice is to run again.
    for _attempt in range(ATTEMPTS):
        result = subprocess.run(
            command, capture_output=True, text=True, env=environment, timeout=300, check=False
        )
        if result.returncode == 0:
            break
    else:
        raise SystemExit(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def measure(base: str, pages: dict[str, str], runs: int) -> list[dict]:
    rows = []
    for kind, path in pages.items():
        for form_factor in FORM_FACTORS:
            samples = [lighthouse(base + path, form_factor) for _ in range(runs)]
            scores = {c: int(statistics.median(s[c] for s in samples)) for c in CATEGORIES}
            rows.append({"page": kind, "path": path, "form_factor": form_factor, **scores})
            print(kind, form_factor, scores, flush=True)
    return rows


def write_report(rows: list[dict], *, runs: int) -> None:
    load = os.getloadavg()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
    ).stdout.strip()
    lines = [
        "# Lighthouse scores",
        "",
        "Written by `bench/lighthouse.py` (Lighthouse 12.2 from `package.json`, Debian's",
        "Chromium headless, `newsdesk serve` with the demo content on SQLite). Median of",
        f"{runs} run(s) per page and form factor; mobile is Lighthouse's default throttled",
        "phone, desktop its `--preset=desktop`.",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{commit}`, load average "
        f"{load:.1f} on a shared 2-core machine: performance scores drop when the machine is "
        "busy, the other three do not depend on load.",
        "",
        "| page | path | form factor | performance | accessibility | best practices | SEO |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['form_factor']} | {row['performance']} "
            f"| {row['accessibility']} | {row['best-practices']} | {row['seo']} |"
        )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running newsdesk (default: start a fresh one)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pages", nargs="*", help="page types to measure (default: all)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse not found: run `npm ci` at the repository root.")

    from tests.reliability import harness
    from tests.validators.conftest import Served, free_port, public_pages

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    process = None
    with tempfile.TemporaryDirectory(prefix="newsdesk-lighthouse-") as data_dir:
        os.environ.setdefault("NEWSDESK_DATA_DIR", data_dir)
        import django

        django.setup()  # the page list reverses URL names
        if args.url:
            base = args.url.rstrip("/")
        else:
            port = free_port()
            process = harness.start_server(harness.env(data_dir), port, wait=900)
            base = f"http://127.0.0.1:{port}"
        try:
            pages = public_pages(Served(base=base))
            if args.pages:
                pages = {k: v for k, v in pages.items() if k in args.pages}
            write_report(measure(base, pages, args.runs), runs=args.runs)
        finally:
            if process is not None:
                harness.stop_server(process)


if __name__ == "__main__":
    main()
