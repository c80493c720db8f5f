"""The DJANGO_EMAIL_<SETTING> variables (docs/NEWSLETTERS.md): set ones win, blank ones don't."""

from newsdesk.settings.env import EMAIL_SETTING_TYPES, read_env


def _clear(monkeypatch):
    for name in EMAIL_SETTING_TYPES:
        monkeypatch.delenv(f"DJANGO_{name}", raising=False)


def test_set_email_variables_are_read_with_their_types(monkeypatch):
    _clear(monkeypatch)
    monkeypatch.setenv("DJANGO_EMAIL_HOST", "smtp.example.com")
    monkeypatch.setenv("DJANGO_EMAIL_PORT", "2525")
    monkeypatch.setenv("DJANGO_EMAIL_USE_TLS", "true")
    assert read_env().email_settings == {
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 2525,
        "EMAIL_USE_TLS": True,
    }


def test_blank_email_variables_count_as_unset(monkeypatch):
    _clear(monkeypatch)
    for name in EMAIL_SETTING_TYPES:
        monkeypatch.setenv(f"DJANGO_{name}", "")
    monkeypatch.setenv("DJANGO_EMAIL_PORT", "  ")
    assert read_env().email_settings == {}
