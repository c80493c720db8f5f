"""The production profile: refuses to start without a secret key, and turns on HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .env import ENV
from .secret_key import secret_key_is_weak

# Checked before base.py runs, so a production start without a key never writes one into
# the data folder (which may well be read-only there) before refusing.
if not ENV.secret_key or secret_key_is_weak(ENV.secret_key):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 40 characters "
        "in production (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

from .base import *  # noqa: F403

SECRET_KEY = ENV.secret_key
DEBUG = False
NEWSDESK_DEMO_ALLOWED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# /healthz must answer over plain HTTP to the load balancer's probe.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
