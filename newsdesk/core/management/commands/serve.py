"""Serve newsdesk: migrate, load the demo on an empty database, run web, worker, scheduler.

One command for an operator: it prepares the database and static files, then runs
gunicorn (the web server), the django-tasks database worker and the scheduler as child
processes, and stops them all on Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from newsdesk.core.hooks import DEMO_CONTENT
from newsdesk.core.staticfiles import collectstatic_if_changed
from newsdesk.network.services import site_addresses_for_local_serve

STOP_GRACE_SECONDS = 10
START_WAIT_SECONDS = 60


def _shown_host(host: str) -> str:
    """The address a browser on this machine uses for ``host``."""
    return "127.0.0.1" if host in {"0.0.0.0", "::"} else host


class Command(BaseCommand):
    help = "Prepare the database and serve the site with its background worker (Ctrl-C stops)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "0"))
            or min(4, (os.cpu_count() or 1) + 1),
            help="Web worker processes (default: cores + 1, at most 4; or $WEB_CONCURRENCY).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "0")) or 4,
            help="Threads per worker (gunicorn gthread; default 4 or $WEB_THREADS). "
            "Chosen by measurement: see docs/PERFORMANCE.md.",
        )
        parser.add_argument("--no-demo", action="store_true", help="Never load demo content.")
        parser.add_argument(
            "--demo-in-production",
            action="store_true",
            help="Load the demo on an empty database even under the production settings.",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Run only the web server (workers elsewhere)."
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="Log every request-free detail: each background task, gunicorn at INFO.",
        )

    def handle(
        self,
        *args,
        host,
        port,
        workers,
        threads,
        no_demo,
        demo_in_production,
        no_worker,
        verbose,
        **options,
    ):
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        collectstatic_if_changed()
        if not no_demo:
            self.demo_load_if_empty(allow_in_production=demo_in_production)
        # Saving a site calls the SITE_CHANGED hooks (core's ``apps``): cached pages
        # that name the old address go with it.
        site_addresses_for_local_serve(host=_shown_host(host), port=port)
        children = self._start_children(
            host=host,
            port=port,
            workers=workers,
            threads=threads,
            no_worker=no_worker,
            verbose=verbose,
        )
        # The children print their own start-up lines: wait for the web server, so the
        # addresses and sign-in details are the last thing on the operator's screen.
        self._wait_until_listening(_shown_host(host), port, children)
        self._announce(host, port)
        self._supervise(children)

    def demo_load_if_empty(self, *, allow_in_production: bool) -> None:
        """Load the demo on an empty database; under production settings only if asked."""
        demo = self._demo()
        if demo is None or demo.is_loaded():
            return
        if not demo.is_allowed(allow_in_production=allow_in_production):
            # Serving goes on: an empty production site is a normal first start.
            self.stdout.write(self.style.WARNING(demo.refusal))
            return
        self.stdout.write("Empty database: loading demo content (a few seconds)...")
        demo.load(allow_in_production=allow_in_production)

    def _wait_until_listening(self, host, port, children) -> None:
        deadline = time.monotonic() + START_WAIT_SECONDS
        while time.monotonic() < deadline:
            if any(child.poll() is not None for child in children.values()):
                return  # _supervise reports which one stopped
            try:
                with socket.create_connection((host, port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)

    def _start_children(
        self, *, host, port, workers, threads, no_worker, verbose
    ) -> dict[str, subprocess.Popen]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        manage = [sys.executable, "-m", "newsdesk.cli"]
        commands = {
            "web": [
                sys.executable,
                "-m",
                "gunicorn",
                "newsdesk.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                # Threads keep connections alive and overlap database waits; measured
                # against sync workers in docs/PERFORMANCE.md.
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--timeout",
                "30",
                "--graceful-timeout",
                str(STOP_GRACE_SECONDS),
                "--log-level",
                "info" if verbose else "warning",
            ],
        }
        if not no_worker:
            if settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
                # The scale-out profile: tasks queue in Redis, any number of workers.
                commands["worker"] = [
                    *manage,
                    "rqworker",
                    "--job-class",
                    "django_tasks_rq.Job",
                    *settings.TASKS["default"]["QUEUES"],
                ]
            else:
                commands["worker"] = [
                    *manage,
                    "run_worker",
                    "--no-reload",
                    "--interval",
                    "1",
                    "--verbosity",
                    "2" if verbose else "1",
                ]
            commands["scheduler"] = [*manage, "run_scheduler"]
        return {name: subprocess.Popen(cmd, env=env) for name, cmd in commands.items()}

    @staticmethod
    def _demo():
        """The demo app's loader (the DEMO_CONTENT hook), or None without the demo app."""
        providers = hooks.get_hooks(DEMO_CONTENT)
        return providers[0]() if providers else None

    def _announce(self, host, port):
        shown_host = _shown_host(host)
        base = f"http://{shown_host}:{port}"
        self.stdout.write(self.style.SUCCESS(f"\nnewsdesk is serving at {base}/"))
        self.stdout.write(f"  Admin:  {base}/admin/")
        demo = self._demo()
        if demo is not None and demo.is_loaded():
            for line in demo.sign_in_lines(base=base, port=port):
                self.stdout.write(line)
        self.stdout.write("  Press Ctrl-C to stop.\n")

    def _supervise(self, children: dict[str, subprocess.Popen]) -> None:
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        failed = None
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    failed, stopping = name, True
                    break
            time.sleep(0.5)
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        if failed:
            raise CommandError(
                f"The {failed} process stopped unexpectedly; everything was stopped."
            )
        self.stdout.write("Stopped.")
