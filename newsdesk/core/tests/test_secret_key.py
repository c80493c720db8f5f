"""Security row 1: no shared constant secret key; each install has its own."""

import os
import stat
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsdesk.core.checks import check_secret_key
from newsdesk.profiles.tests.factories import ReaderFactory
from newsdesk.settings.secret_key import secret_key_for_data_dir

OLD_PUBLIC_KEY = "newsdesk-insecure-development-key-do-not-use-in-production"


@pytest.mark.django_db
def test_a_link_signed_with_the_old_public_key_does_not_confirm_an_email(client):
    reader = ReaderFactory(email="victim@example.org")
    address = EmailAddress.objects.get(user=reader)
    address.verified = False
    address.save()
    forged = signing.dumps(address.pk, salt="account", key=OLD_PUBLIC_KEY)
    client.post(f"/accounts/confirm-email/{forged}/")
    address.refresh_from_db()
    assert address.verified is False


def test_the_running_key_is_not_the_old_public_key():
    assert settings.SECRET_KEY != OLD_PUBLIC_KEY
    assert check_secret_key() == []


def test_a_key_is_made_once_per_data_folder_readable_only_by_its_owner(tmp_path):
    first = secret_key_for_data_dir(tmp_path)
    assert secret_key_for_data_dir(tmp_path) == first
    assert len(first) >= 50
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600
    assert secret_key_for_data_dir(tmp_path / "other") != first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_processes_starting_at_once_agree_on_one_key(tmp_path):
    with ProcessPoolExecutor(max_workers=6) as pool:
        keys = set(pool.map(secret_key_for_data_dir, [tmp_path] * 24))
    assert len(keys) == 1
    assert (tmp_path / "secret_key").read_text() in keys


def test_settings_without_the_environment_variable_use_the_data_folder_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "newsdesk.settings.base", "NEWSDESK_DATA_DIR": str(tmp_path)}
    )
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (tmp_path / "secret_key").read_text()


@pytest.mark.parametrize(
    "key",
    [OLD_PUBLIC_KEY, "django-insecure-" + "k" * 50, "short-but-random-9f8a7", "ab" * 30],
)
def test_check_deploy_flags_known_default_and_short_keys(settings, key):
    settings.SECRET_KEY = key
    assert [error.id for error in check_secret_key()] == ["newsdesk.E001"]
    with pytest.raises(SystemCheckError, match=r"newsdesk\.E001"):
        call_command("check", deploy=True, tags=["security"])


def test_check_is_silent_for_a_random_key(settings):
    settings.SECRET_KEY = "Zq3" + "x7Pk-mN2vR9sT4wY6bC8dF1gH5jL0nQ" * 2
    assert check_secret_key() == []
