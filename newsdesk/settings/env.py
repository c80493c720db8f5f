"""Every environment variable newsdesk reads, in one place.

Settings modules import ``ENV`` and never touch ``os.environ`` themselves, so that
``.env.example`` and this file are the complete list of what an operator can set.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


def _networks(name: str) -> list[str]:
    """CIDR networks, checked at start-up: a typo must not surface at the first fetch."""
    networks = []
    for item in _list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ValueError(f"{name}: {item!r} is not an IP network like 10.20.0.0/24") from None
    return networks


# Django's own email settings, each settable as DJANGO_EMAIL_<NAME> (docs/NEWSLETTERS.md).
EMAIL_SETTING_TYPES = {
    "EMAIL_BACKEND": str,
    "EMAIL_HOST": str,
    "EMAIL_PORT": int,
    "EMAIL_HOST_USER": str,
    "EMAIL_HOST_PASSWORD": str,
    "EMAIL_USE_TLS": bool,
    "EMAIL_USE_SSL": bool,
    "EMAIL_TIMEOUT": int,
    "EMAIL_FILE_PATH": str,
}


def _email_settings() -> dict:
    result: dict = {}
    for name, kind in EMAIL_SETTING_TYPES.items():
        variable = f"DJANGO_{name}"
        # Blank counts as unset: ``DJANGO_EMAIL_PORT=`` in an env file must not mean port 0.
        if not os.environ.get(variable, "").strip():
            continue
        if kind is bool:
            result[name] = _bool(variable, False)
        elif kind is int:
            result[name] = _int(variable, 0)
        else:
            result[name] = os.environ[variable]
    return result


@dataclass(frozen=True)
class Env:
    data_dir: Path
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    database_conn_max_age: int
    database_pool: bool
    redis_url: str
    base_url: str
    time_zone: str
    email_url: str
    default_from_email: str
    # DJANGO_EMAIL_<SETTING> variables, by setting name (EMAIL_HOST, ...); they win over EMAIL_URL.
    email_settings: dict
    frontend_cache_urls: list[str]
    log_level: str
    sqlite_tuning: bool
    outbound_allow_networks: list[str]  # issue #13: internal networks fetches may reach
    # --- accounts (issue #3) ---
    session_cookie_domain: str
    facebook_client_id: str
    facebook_client_secret: str
    google_client_id: str
    google_client_secret: str
    oidc_provider_id: str
    oidc_provider_name: str
    oidc_server_url: str
    oidc_client_id: str
    oidc_client_secret: str
    weather_provider: str
    # --- caching and the scale-out profile (issue #8) ---
    page_cache: bool
    tasks_backend: str
    s3_bucket: str
    s3_endpoint_url: str
    s3_region: str
    s3_access_key_id: str
    s3_secret_access_key: str
    s3_custom_domain: str
    # --- newsletters (issue #17) ---
    newsletters_webhook_token: str
    newsletters_unsubscribe_mailto: str


def read_env() -> Env:
    data_dir = Path(os.environ.get("NEWSDESK_DATA_DIR") or REPO_DIR / "var").resolve()
    return Env(
        data_dir=data_dir,
        secret_key=os.environ.get("DJANGO_SECRET_KEY", ""),
        debug=_bool("DJANGO_DEBUG", False),
        allowed_hosts=_list("DJANGO_ALLOWED_HOSTS", []),
        csrf_trusted_origins=_list("DJANGO_CSRF_TRUSTED_ORIGINS", []),
        database_url=os.environ.get("DATABASE_URL", ""),
        database_conn_max_age=_int("DATABASE_CONN_MAX_AGE", 0),
        database_pool=_bool("DATABASE_POOL", True),
        redis_url=os.environ.get("REDIS_URL", ""),
        base_url=os.environ.get("NEWSDESK_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        time_zone=os.environ.get("NEWSDESK_TIME_ZONE", "Africa/Johannesburg"),
        email_url=os.environ.get("EMAIL_URL", ""),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "newsdesk <noreply@localhost>"),
        email_settings=_email_settings(),
        frontend_cache_urls=_list("NEWSDESK_FRONTEND_CACHE_URLS", []),
        log_level=os.environ.get("NEWSDESK_LOG_LEVEL", "INFO").upper(),
        # Only for the reliability control run, which shows what the tuning prevents.
        sqlite_tuning=_bool("NEWSDESK_SQLITE_TUNING", True),
        outbound_allow_networks=_networks("NEWSDESK_OUTBOUND_ALLOW_NETWORKS"),
        session_cookie_domain=os.environ.get("NEWSDESK_SESSION_COOKIE_DOMAIN", ""),
        facebook_client_id=os.environ.get("NEWSDESK_FACEBOOK_CLIENT_ID", ""),
        facebook_client_secret=os.environ.get("NEWSDESK_FACEBOOK_CLIENT_SECRET", ""),
        google_client_id=os.environ.get("NEWSDESK_GOOGLE_CLIENT_ID", ""),
        google_client_secret=os.environ.get("NEWSDESK_GOOGLE_CLIENT_SECRET", ""),
        oidc_provider_id=os.environ.get("NEWSDESK_OIDC_PROVIDER_ID", "oidc"),
        oidc_provider_name=os.environ.get("NEWSDESK_OIDC_PROVIDER_NAME", "OpenID Connect"),
        oidc_server_url=os.environ.get("NEWSDESK_OIDC_SERVER_URL", "").rstrip("/"),
        oidc_client_id=os.environ.get("NEWSDESK_OIDC_CLIENT_ID", ""),
        oidc_client_secret=os.environ.get("NEWSDESK_OIDC_CLIENT_SECRET", ""),
        weather_provider=os.environ.get("NEWSDESK_WEATHER_PROVIDER", "offline").strip(),
        page_cache=_bool("NEWSDESK_PAGE_CACHE", True),
        # "rq" (the default when REDIS_URL is set) or "db".
        tasks_backend=os.environ.get("NEWSDESK_TASKS_BACKEND", "").strip().lower()
        or ("rq" if os.environ.get("REDIS_URL") else "db"),
        s3_bucket=os.environ.get("NEWSDESK_S3_BUCKET", ""),
        s3_endpoint_url=os.environ.get("NEWSDESK_S3_ENDPOINT_URL", ""),
        s3_region=os.environ.get("NEWSDESK_S3_REGION", ""),
        s3_access_key_id=os.environ.get("NEWSDESK_S3_ACCESS_KEY_ID", ""),
        s3_secret_access_key=os.environ.get("NEWSDESK_S3_SECRET_ACCESS_KEY", ""),
        s3_custom_domain=os.environ.get("NEWSDESK_S3_CUSTOM_DOMAIN", ""),
        newsletters_webhook_token=os.environ.get("NEWSLETTERS_WEBHOOK_TOKEN", ""),
        newsletters_unsubscribe_mailto=os.environ.get("NEWSLETTERS_UNSUBSCRIBE_MAILTO", ""),
    )


ENV = read_env()
