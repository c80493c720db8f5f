"""Back up and restore a whole newsdesk: the database and the uploaded media, in one file.

A backup is a tar archive holding ``manifest.json``, the database (an SQLite online
backup, or a ``pg_dump`` custom-format dump) and ``media/``. SQLite is copied with its
online backup API, so the site keeps serving while it runs; PostgreSQL with pg_dump,
which reads one consistent snapshot.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT_VERSION = 1
NOT_A_BACKUP = "{path} is not a newsdesk backup (no manifest.json inside)."
WRONG_ENGINE = "{path} holds a {found} database; this site runs on {expected}."
TOOL_FAILED = "{tool} failed: {error}"


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class BackupManifest:
    created_at: str
    engine: str
    media_files: int
    format_version: int = FORMAT_VERSION


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, [*args, "--dbname", connection.settings_dict["NAME"]]


def _run(tool: str, args: list[str], env: dict) -> None:
    try:
        subprocess.run([tool, *args], env=env, check=True, capture_output=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(TOOL_FAILED.format(tool=tool, error="not installed")) from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode(errors="replace").strip()[-500:]
        raise BackupError(TOOL_FAILED.format(tool=tool, error=message)) from None


def _dump_database(target_dir: Path) -> str:
    if _engine() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(target_dir / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
        return "database.sqlite3"
    env, args = _pg_env_and_args()
    _run(
        "pg_dump",
        ["--format=custom", "--no-owner", "--file", str(target_dir / "database.pgdump"), *args],
        env,
    )
    return "database.pgdump"


def backup_create(*, destination: Path) -> BackupManifest:
    """Write a backup archive to ``destination`` (a .tar file) and return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="newsdesk-backup-") as work:
        work_dir = Path(work)
        database_file = _dump_database(work_dir)
        media_files = (
            [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        )
        manifest = BackupManifest(
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            engine=_engine(),
            media_files=len(media_files),
        )
        (work_dir / "manifest.json").write_text(json.dumps(manifest.__dict__, indent=2))
        partial = destination.with_suffix(destination.suffix + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(work_dir / "manifest.json", arcname="manifest.json")
            archive.add(work_dir / database_file, arcname=database_file)
            for path in media_files:
                archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
        partial.replace(destination)  # a backup file is either whole or absent
    return manifest


def _read_manifest(archive: tarfile.TarFile, path: Path) -> BackupManifest:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError(NOT_A_BACKUP.format(path=path))
    return BackupManifest(**json.loads(member.read()))


def backup_restore(*, source: Path) -> BackupManifest:
    """Replace the database and media with those in the backup at ``source``."""
    try:
        archive = tarfile.open(source, "r")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(NOT_A_BACKUP.format(path=source)) from error
    with archive, tempfile.TemporaryDirectory(prefix="newsdesk-restore-") as work:
        manifest = _read_manifest(archive, source)
        if manifest.engine != _engine():
            raise BackupError(
                WRONG_ENGINE.format(path=source, found=manifest.engine, expected=_engine())
            )
        archive.extractall(work, filter="data")  # "data" refuses absolute paths and links out
        work_dir = Path(work)
        _restore_database(work_dir)
        _restore_media(work_dir / "media")
    return manifest


def _restore_database(work_dir: Path) -> None:
    if _engine() == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(work_dir / "database.sqlite3")
        with source:
            source.backup(connection.connection)
        source.close()
        return
    env, args = _pg_env_and_args()
    connection.close()
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(work_dir / "database.pgdump"),
        ],
        env,
    )


def _restore_media(extracted: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    if extracted.exists():
        shutil.copytree(extracted, media_root)
    else:
        media_root.mkdir(parents=True, exist_ok=True)
