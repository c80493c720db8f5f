"""The embedded default's shared cache: diskcache, with its SQLite connections kept open.

Django closes every cache at the end of each request (``request_finished``), which is
right for a socket cache but costly for diskcache: each close drops the SQLite
connection of every shard (a WAL checkpoint when it is the last one) and the next
request opens them again and replays their pragmas. Profiling an uncached homepage
render found ~20 ms of its ~130 ms in those closes (docs/PERFORMANCE.md, "Uncached
renders"). diskcache keeps one connection per thread and reopens it after a fork, so
leaving it open is how the library is meant to be used.
"""

from __future__ import annotations

from diskcache import DjangoCache


class PersistentDiskCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the per-thread connections for the next request (see module docstring)."""
