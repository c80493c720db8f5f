"""Settings for the test suite: fast hashing, isolated media, tasks run in-process."""

import hashlib
import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, LOGGING, TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # The scale-out profile's RQ backend, with jobs run in-process as they are enqueued.
    RQ_QUEUES["default"]["ASYNC"] = False  # noqa: F405
    RQ_QUEUES["default"]["QUEUE_CLASS"] = "newsdesk.core.testing.ThreadSafeSyncQueue"  # noqa: F405
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests that count queries or re-read a page must reach Django; caching tests turn it on.
NEWSDESK_PAGE_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server answers several requests at once (a page and its
    # small endpoints), and each thread needs its own connection, as in production (WAL,
    # IMMEDIATE, busy timeout). An in-memory database is one connection shared by all.
    # Named per checkout, not per process, so ``--reuse-db`` (in pytest's addopts) finds
    # it again next run instead of migrating from scratch; two checkouts never share one.
    _checkout = hashlib.sha256(str(Path(__file__).resolve().parents[2]).encode()).hexdigest()
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"newsdesk-test-{_checkout[:12]}.sqlite3")
    }
if CACHES["default"]["BACKEND"].endswith("PersistentDiskCache"):
    # The shared disk cache of this test run only, never a running site's.
    CACHES["default"]["LOCATION"] = str(
        Path(tempfile.gettempdir()) / f"newsdesk-test-cache-{os.getpid()}"
    )
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Keep test keys apart from a running site's keys on the same Redis.
    CACHES["default"]["KEY_PREFIX"] = "newsdesk-test"

LOGGING["loggers"]["django_tasks"]["level"] = "WARNING"  # every task logs twice
# Tests never run collectstatic: let WhiteNoise find files in the apps directly.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
