"""The app-level page cache: whole public responses kept in Django's cache.

It is a shared cache in the HTTP sense, inside the app: it stores only responses that
declare themselves public (``Cache-Control: public`` with ``s-maxage`` or ``max-age``),
set no cookie and do not vary on the cookie, and keeps them no longer than they allow.

Invalidation uses version tokens instead of deleting keys, so that one purge covers
every query string of a path (``/world/?page=2`` with ``/world/``) and so that a page
rendered while a purge ran can never be stored as fresh:

- each entry records the token of its path and the global token *read before it was
  rendered*;
- purging a path replaces the path's token; purging everything replaces the global one;
- an entry is served only when both tokens still match, which one ``get_many`` checks.

Tokens never expire; if a cache evicts one, every entry that relied on it is a miss.
The path token ignores the host: purging ``/world/`` on one site also refreshes
``/world/`` on another site of the network, which is harmless and keeps aliases right.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

GLOBAL_TOKEN_KEY = "newsdesk:pc:global"
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Cache-Tag",
    "ETag",
    "Last-Modified",
    "Location",
    "Vary",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
)
STORABLE_STATUSES = {200, 203, 301, 404, 410}
# A response that varies on anything but encoding may differ between readers.
HARMLESS_VARY = {"accept-encoding"}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _entry_key(host: str, full_path: str) -> str:
    return f"newsdesk:pc:e:{_digest(host + full_path)}"


def _path_token_key(path: str) -> str:
    return f"newsdesk:pc:p:{_digest(path)}"


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Lookup:
    """What a lookup found: a response to send, or the tokens to store a fresh one under."""

    response: HttpResponse | None
    entry_key: str
    path_token: str
    global_token: str


def lookup(request: HttpRequest) -> Lookup:
    entry_key = _entry_key(request.get_host(), request.get_full_path())
    path_key = _path_token_key(request.path)
    found = cache.get_many([entry_key, path_key, GLOBAL_TOKEN_KEY])
    path_token = found.get(path_key) or _ensure_token(path_key)
    global_token = found.get(GLOBAL_TOKEN_KEY) or _ensure_token(GLOBAL_TOKEN_KEY)
    entry = found.get(entry_key)
    response = None
    if (
        entry is not None
        and entry["path_token"] == path_token
        and entry["global_token"] == global_token
    ):
        response = _response_from(entry)
    return Lookup(response, entry_key, path_token, global_token)


def _ensure_token(key: str) -> str:
    token = _new_token()
    if cache.add(key, token, timeout=None):
        return token
    return cache.get(key) or token


def _response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
    return response


def storable_ttl(request: HttpRequest, response: HttpResponse) -> int:
    """Seconds the response may be kept for everyone, or 0 when it must not be stored."""
    if request.method != "GET" or response.status_code not in STORABLE_STATUSES:
        return 0
    if (
        getattr(response, "streaming", False)
        or response.cookies
        or response.has_header("Set-Cookie")
    ):
        return 0
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - HARMLESS_VARY:
        return 0
    cache_control = response.get("Cache-Control", "").lower()
    directives = {part.strip().split("=")[0] for part in cache_control.split(",")}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return 0
    ttl = get_max_age(response)  # max-age
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        if name == "s-maxage" and value.isdigit():
            ttl = int(value)  # a shared cache obeys s-maxage over max-age
    return max(0, ttl or 0)


def store(found: Lookup, response: HttpResponse, *, ttl: int) -> None:
    entry = {
        "status": response.status_code,
        "content": response.content,
        "headers": [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)],
        "path_token": found.path_token,
        "global_token": found.global_token,
        "stored_at": time.time(),
    }
    cache.set(found.entry_key, entry, timeout=ttl)


def invalidate_paths(paths) -> None:
    """Every cached query string of these paths, on every host, is stale from now on."""
    paths = set(paths)
    if paths:
        cache.set_many({_path_token_key(path): _new_token() for path in paths}, timeout=None)


def invalidate_all() -> None:
    cache.set(GLOBAL_TOKEN_KEY, _new_token(), timeout=None)
