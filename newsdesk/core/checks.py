"""System checks of our own, shown by ``newsdesk check`` (``--deploy`` for the deploy ones)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error

from newsdesk.settings.secret_key import secret_key_is_weak

WEAK_SECRET_KEY = (
    "SECRET_KEY is a known, default or short key: anyone who knows it can sign sessions "
    "and email-confirmation links for this site."
)
WEAK_SECRET_KEY_HINT = (
    "Set DJANGO_SECRET_KEY to a new random value "
    "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or unset it to use "
    "the key generated in the data folder."
)


def check_secret_key(app_configs=None, **kwargs) -> list[Error]:
    """Refuse any key that was ever public, is marked insecure, or is short."""
    if secret_key_is_weak(settings.SECRET_KEY):
        return [Error(WEAK_SECRET_KEY, hint=WEAK_SECRET_KEY_HINT, id="newsdesk.E001")]
    return []
