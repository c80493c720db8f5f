"""A send to 10,000 subscribers survives its worker being killed (SIGKILL) mid-send.

The real worker (``newsdesk run_worker``) runs in a subprocess against this test's
database, with Django's file email backend (``DJANGO_EMAIL_BACKEND``/``_FILE_PATH``) so
every mail it hands over can be counted afterwards.
"""

from __future__ import annotations

import collections
import datetime
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.newsletters.models import Delivery, Issue, Subscriber, Subscription
from newsdesk.newsletters.sending import issues_due

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

N = 10_000
REPO = Path(__file__).resolve().parents[3]
DELIVERY_HEADER = re.compile(rb"^X-Newsletter-Delivery: (\d+)\.(\d+)\r?$", re.MULTILINE)


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _environment(tmp_path: Path, mail_dir: Path) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.base",
        DATABASE_URL=_database_url(),
        NEWSDESK_TASKS_BACKEND="db",
        NEWSDESK_DATA_DIR=str(tmp_path / "data"),
        NEWSDESK_LOG_LEVEL="ERROR",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(mail_dir),
    )
    return environment


def _newsdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli", *args]


def _mails_per_subscriber(mail_dir: Path, issue_id: int) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for path in mail_dir.iterdir():
        for issue, subscriber in DELIVERY_HEADER.findall(path.read_bytes()):
            if int(issue) == issue_id:
                counts[int(subscriber)] += 1
    return counts


def test_send_killed_mid_way_and_restarted_delivers_each_mail_at_most_once(
    tmp_path, daily, stories
):
    daily.send_time = datetime.time(0, 0)
    daily.save()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{n:05d}@example.com") for n in range(N)], batch_size=2000
    )
    if subscribers[0].pk is None:  # backends that do not return ids on bulk insert
        subscribers = list(Subscriber.objects.order_by("pk"))
    now = timezone.now()
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=daily, confirmed_at=now) for s in subscribers],
        batch_size=2000,
    )
    [issue] = issues_due(now=now)  # today's edition, N pending deliveries
    assert issue.total == N

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    environment = _environment(tmp_path, mail_dir)
    run = {"env": environment, "cwd": REPO, "stdout": subprocess.DEVNULL}
    # The scheduler's job finds the queued issue and hands it to the task queue.
    subprocess.run(_newsdesk("send_newsletters", "--claim-timeout", "0"), check=True, **run)
    worker = subprocess.Popen(_newsdesk("run_worker", "--interval", "0.1"), **run)
    try:
        # Generous: the worker's start-up alone takes long on a busy two-core CI machine.
        deadline = time.monotonic() + 600
        while Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() < N // 10:
            assert worker.poll() is None, "the worker stopped by itself"
            assert time.monotonic() < deadline, "the worker sent too little in ten minutes"
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    interrupted = Delivery.objects.filter(issue=issue).exclude(status=Delivery.Status.SENT).count()
    assert interrupted > 0, "the worker finished before it was killed"

    # Restart: the scheduler's job releases the dead sender's claims and queues the issue
    # again; a fresh worker sends what is left and exits.
    subprocess.run(_newsdesk("send_newsletters", "--claim-timeout", "0"), check=True, **run)
    subprocess.run(_newsdesk("run_worker", "--batch", "--interval", "0.1"), check=True, **run)

    statuses = collections.Counter(
        Delivery.objects.filter(issue=issue).values_list("status", flat=True)
    )
    uncertain = set(
        Delivery.objects.filter(issue=issue, status=Delivery.Status.UNCERTAIN).values_list(
            "subscriber_id", flat=True
        )
    )
    # Only the one mail the killed sender was handing over can be uncertain.
    assert len(uncertain) <= 1
    assert statuses[Delivery.Status.SENT] + len(uncertain) == N
    mails = _mails_per_subscriber(mail_dir, issue.pk)
    assert max(mails.values()) == 1, "someone got the issue twice"
    missing = {s.pk for s in subscribers} - set(mails)
    assert missing <= uncertain  # everyone else got exactly one
    assert sum(mails.values()) >= N - 1
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
