"""Security row 10: the demo's public staff accounts never appear under production unasked."""

import io
import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from newsdesk.core.management.commands.serve import Command as ServeCommand
from newsdesk.demo.services import DEMO_REFUSED_IN_PRODUCTION, demo_is_loaded, demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.NEWSDESK_DEMO_ALLOWED = False


def test_demo_load_refuses_under_production_settings(production):
    with pytest.raises(PermissionDenied, match="production settings"):
        demo_load()
    assert not get_user_model().objects.filter(username="editor").exists()


def test_load_demo_command_refuses_with_a_clear_message(production):
    with pytest.raises(CommandError) as refused:
        call_command("load_demo")
    assert str(refused.value) == DEMO_REFUSED_IN_PRODUCTION
    assert not get_user_model().objects.filter(username="editor").exists()


def test_serve_on_an_empty_database_skips_the_demo_under_production(production):
    out = io.StringIO()
    ServeCommand(stdout=out).demo_load_if_empty(allow_in_production=False)
    assert DEMO_REFUSED_IN_PRODUCTION in out.getvalue()
    assert not demo_is_loaded()
    assert not get_user_model().objects.filter(username="editor").exists()


def test_serve_loads_the_demo_under_production_when_asked(production):
    ServeCommand(stdout=io.StringIO()).demo_load_if_empty(allow_in_production=True)
    assert demo_is_loaded()
    assert get_user_model().objects.filter(username="editor").exists()


def test_the_production_profile_turns_the_demo_off(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "NEWSDESK_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "load_demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert DEMO_REFUSED_IN_PRODUCTION in result.stderr
