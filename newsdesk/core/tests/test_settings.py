import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def test_sqlite_default_uses_wal_immediate_transactions_and_a_busy_timeout():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs on the embedded SQLite profile")
    options = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def _run_production_settings(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "newsdesk.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_production_settings({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = _run_production_settings({"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)})
    assert result.returncode == 0, result.stderr


def test_production_refuses_the_old_public_key(tmp_path):
    old_key = "newsdesk-insecure-development-key-do-not-use-in-production"
    result = _run_production_settings(
        {"DJANGO_SECRET_KEY": old_key, "NEWSDESK_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_a_key_writes_nothing_into_the_data_folder(tmp_path):
    result = _run_production_settings({"NEWSDESK_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode != 0
    assert not (tmp_path / "data" / "secret_key").exists()


def test_database_url_switches_to_postgresql(monkeypatch):
    from newsdesk.settings import env

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsdesk")
    assert env.read_env().database_url.startswith("postgres://")
