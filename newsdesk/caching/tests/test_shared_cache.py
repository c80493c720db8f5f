"""The embedded default's cache is one cache for every process (issue #12, item 1)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
COUNT = """
import django
django.setup()
from django.core.cache import cache
from newsdesk.caching import pagecache
cache.add("shared-counter", 0, timeout=None)
for _ in range(50):
    cache.incr("shared-counter")
if {purge}:
    pagecache.invalidate_paths(["/world/"])
"""


def _environment(data_dir) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        {"DJANGO_SETTINGS_MODULE": "newsdesk.settings.base", "NEWSDESK_DATA_DIR": str(data_dir)}
    )
    return environment


READ = """
import django
django.setup()
from django.core.cache import cache
from newsdesk.caching.pagecache import _path_token_key
print(cache.get("shared-counter"), bool(cache.get(_path_token_key("/world/"))))
"""


def test_processes_share_counts_and_purges_through_the_data_folder(tmp_path):
    environment = _environment(tmp_path)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", COUNT.format(purge=index == 0)], env=environment, cwd=REPO
        )
        for index in range(3)
    ]
    assert [child.wait(timeout=300) for child in children] == [0, 0, 0]
    reader = subprocess.run(
        [sys.executable, "-c", READ], env=environment, cwd=REPO, capture_output=True, text=True
    )
    assert reader.returncode == 0, reader.stderr[-2000:]
    # Every increment of every process landed in one count (rate limits hold across them),
    # and the purge token one process wrote is the one another reads.
    assert reader.stdout.split() == ["150", "True"]
    assert (tmp_path / "cache").is_dir()  # in the data folder, not in any process's memory
