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


def test_database_url_switches_to_postgresql():
    # The settings module itself, loaded in a fresh process with DATABASE_URL set.
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'], db['HOST'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base"}
    env["DATABASE_URL"] = "postgres://postgres@db.example:5432/newsdesk_x"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    engine, name, host = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert (name, host) == ("newsdesk_x", "db.example")
