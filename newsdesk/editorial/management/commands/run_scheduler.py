"""Run periodic jobs (scheduled publishing and friends) until stopped.

Jobs come from ``settings.NEWSDESK_PERIODIC_JOBS``: management commands with an interval.
Each runs in this process; a failure is logged and the loop carries on.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

logger = logging.getLogger("newsdesk.scheduler")


class Command(BaseCommand):
    help = "Run periodic jobs such as publishing scheduled pages, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")

    def handle(self, *args, once, **options):
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_run = {job["command"]: 0.0 for job in settings.NEWSDESK_PERIODIC_JOBS}
        while running:
            now = time.monotonic()
            for job in settings.NEWSDESK_PERIODIC_JOBS:
                if now >= next_run[job["command"]]:
                    next_run[job["command"]] = now + job["every"]
                    self._run(job)
            if once:
                return
            time.sleep(1)

    def _run(self, job):
        if (
            not connection.in_atomic_block
        ):  # inside a test's transaction there is nothing to recycle
            close_old_connections()
        try:
            call_command(job["command"], *job.get("args", []), verbosity=0)
        except Exception:  # a failing job must not stop the others
            logger.exception("Periodic job %s failed", job["command"])
