"""Render time and queries per page at 1,000 and at 100,000 articles (goal: within 1.2x).

    uv run python bench/render_scale.py --small /tmp/nd-1k --large /tmp/nd-100k

Each data folder must already hold its articles (``newsdesk generate_content``). Pages
are rendered in-process through Django's test client with the page cache off; the two
folders are measured in alternating rounds so that machine load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import manage, measure_in_process


def paths_for(args) -> dict[str, str]:
    script = (
        "import json\n"
        "from newsdesk.articles.models import ArticlePage\n"
        "a = ArticlePage.objects.live().order_by('-first_published_at').first()\n"
        "s = a.get_parent()\n"
        "print(json.dumps({'homepage': '/', 'article': a.url, 'section': s.url,\n"
        "  'section page 5': s.url + '?page=5', 'tag page': '/tags/energy/'}))\n"
    )
    return json.loads(manage(args, "shell", "-c", script).strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=Path, required=True)
    parser.add_argument("--large", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    cli = parser.parse_args()
    results = {"small": [], "large": []}
    queries = {}
    for _ in range(cli.rounds):
        for name, folder in (("small", cli.small), ("large", cli.large)):
            args = argparse.Namespace(data_dir=folder.resolve(), database_url="", redis_url="")
            q, render = measure_in_process(args, paths_for(args))
            results[name].append(render)
            queries[name] = q
    print("| page | queries 1k | queries 100k | median ms 1k | median ms 100k | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for page in results["small"][0]:
        small = statistics.median(r[page] for r in results["small"])
        large = statistics.median(r[page] for r in results["large"])
        print(
            f"| {page} | {queries['small'][page]} | {queries['large'].get(page, '-')} "
            f"| {small:.1f} | {large:.1f} | {large / small:.2f} |"
        )


if __name__ == "__main__":
    main()
