"""The install's own secret key, kept in the data folder when DJANGO_SECRET_KEY is unset.

A constant fallback would be the same on every install, so anyone could sign sessions,
password-reset and email-confirmation links for any site that kept it. Instead each data
folder gets its own random key on first start, readable only by its owner.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

SECRET_KEY_FILE_NAME = "secret_key"
# Keys that were public at some point: any site still using one is forgeable.
KNOWN_PUBLIC_KEYS = frozenset({"newsdesk-insecure-development-key-do-not-use-in-production"})
INSECURE_PREFIXES = ("django-insecure-", "newsdesk-insecure-")
MIN_SECRET_KEY_LENGTH = 40


def secret_key_is_weak(key: str) -> bool:
    """Whether ``key`` is public, marked insecure, or too short to resist guessing."""
    return (
        key in KNOWN_PUBLIC_KEYS
        or key.startswith(INSECURE_PREFIXES)
        or len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < 5
    )


def secret_key_for_data_dir(data_dir: Path) -> str:
    """Return the key stored in ``data_dir``, creating it once if it does not exist yet.

    Several processes start at once (web workers, the task worker, the scheduler), so the
    file is written completely under a temporary name and then hard-linked into place:
    the link fails if another process got there first, and no process ever reads a file
    that is still being written. The loser reads the winner's key.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_KEY_FILE_NAME
    if not path.exists():
        fd, tmp_name = tempfile.mkstemp(dir=data_dir, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(fd, "w") as tmp:
                tmp.write(secrets.token_urlsafe(64))
                tmp.flush()
                os.fsync(tmp.fileno())
            # Losing the race is fine: the other process's key is read below.
            with contextlib.suppress(FileExistsError):
                os.link(tmp_name, path)
        finally:
            os.unlink(tmp_name)
    key = path.read_text().strip()
    if secret_key_is_weak(key):
        raise RuntimeError(
            f"{path} holds a weak secret key; delete it to have a new one made, "
            "or set DJANGO_SECRET_KEY."
        )
    return key
