"""Collect static files only when they changed: ``serve`` starts in seconds, not a minute.

``collectstatic`` with WhiteNoise's compressed manifest storage hashes and compresses
every file (Wagtail's admin brings thousands) on each run, whether or not anything
changed. ``serve`` runs it at every start, so a restart cost most of a minute on a
small machine. The files' names, sizes and modification times, with the storage, make a
fingerprint kept beside the collected files; a start that finds the
same fingerprint (and the manifest) skips the collection.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

FINGERPRINT_FILE = ".newsdesk-static-fingerprint"


def static_sources_fingerprint() -> str:
    """A digest of every file ``collectstatic`` would copy, and of where it copies them."""
    digest = hashlib.sha256()
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    # Not the folder they are collected to: the fingerprint is kept inside it, and a copy
    # of a collected folder (a test's new data folder) is as good as the original.
    digest.update(f"{storage}\0{settings.STATIC_URL}\0".encode())
    ignore_patterns = apps.get_app_config("staticfiles").ignore_patterns
    entries = []
    for finder in finders.get_finders():
        for path, storage_of_file in finder.list(ignore_patterns):
            stat = Path(storage_of_file.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def collectstatic_if_changed() -> bool:
    """Run ``collectstatic`` unless the collected files are already these; True if it ran."""
    root = Path(settings.STATIC_ROOT)
    stamp = root / FINGERPRINT_FILE
    fingerprint = static_sources_fingerprint()
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    manifest_present = manifest is None or (root / manifest).exists()
    if manifest_present and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    # Written after a complete run only: an interrupted one collects again next time.
    stamp.write_text(fingerprint)
    return True
