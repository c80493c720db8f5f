"""The app-level page cache: whole public responses kept in Django's cache.

It is a shared cache in the HTTP sense, inside the app: it stores only responses that
declare themselves public (``Cache-Control: public`` with ``s-maxage`` or ``max-age``),
set no cookie and do not vary on the cookie, and keeps them no longer than they allow.
Django's cache is itself shared by every process (the disk cache in the data folder, or
Redis), so a page stored or purged by one process is stored or purged for all.

Entries are keyed on what the WSGI server hands over (host, path, query string), so
``wsgi.PageCacheApp`` can answer a hit before Django builds its request, and the
middleware finds the same entry. Each entry holds the body once per encoding (plain,
gzip, brotli), compressed once when it is stored.

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

import gzip
import hashlib
import time
import uuid
from dataclasses import dataclass
from http import HTTPStatus

import brotli
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

GLOBAL_TOKEN_KEY = "newsdesk:pc:global"
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Cache-Tag",
    "Last-Modified",
    "Location",
    "Vary",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
)
STORABLE_STATUSES = {200, 203, 301, 404, 410}
# A response that varies on anything but encoding may differ between readers.
HARMLESS_VARY = {"accept-encoding"}
# Smaller bodies gain nothing from compression; other types are already compressed.
COMPRESS_MIN_BYTES = 256
# Compressed once per stored page: brotli 8 is a few ms for a 60 KB page and within a few
# percent of 11, which costs a hundred times more.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
COMPRESSIBLE_SUFFIXES = ("+xml", "+json", "javascript")
ENCODING_SUFFIX = {"br": "-br", "gzip": "-gz"}
PAGE_CACHE_HEADER = "X-Page-Cache"
# The largest key parts kept verbatim; longer ones (an 8 KB query string) are hashed
# like the rest, so they only cost a miss.
MAX_HOST_LENGTH = 255


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def request_parts(environ: dict) -> tuple[str, str, str]:
    """Host, decoded path and raw query string of a WSGI request, as both layers see them."""
    host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "").lower()
    return host[:MAX_HOST_LENGTH], get_path_info(environ), environ.get("QUERY_STRING", "")


def _entry_key(host: str, path: str, query: str) -> str:
    return f"newsdesk:pc:e:{_digest(host + chr(0) + path + chr(0) + query)}"


def _path_token_key(path: str) -> str:
    return f"newsdesk:pc:p:{_digest(path)}"


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Lookup:
    """What a lookup found: an entry to send, or the tokens to store a fresh one under."""

    entry: dict | None
    entry_key: str
    path_token: str
    global_token: str


def lookup_environ(environ: dict) -> Lookup:
    host, path, query = request_parts(environ)
    entry_key = _entry_key(host, path, query)
    path_key = _path_token_key(path)
    found = cache.get_many([entry_key, path_key, GLOBAL_TOKEN_KEY])
    path_token = found.get(path_key) or _ensure_token(path_key)
    global_token = found.get(GLOBAL_TOKEN_KEY) or _ensure_token(GLOBAL_TOKEN_KEY)
    entry = found.get(entry_key)
    if entry is not None and (
        entry.get("path_token") != path_token or entry.get("global_token") != global_token
    ):
        entry = None
    return Lookup(entry, entry_key, path_token, global_token)


def lookup(request: HttpRequest) -> Lookup:
    return lookup_environ(request.META)


def _ensure_token(key: str) -> str:
    token = _new_token()
    if cache.add(key, token, timeout=None):
        return token
    return cache.get(key) or token


def accepted_encodings(header: str) -> set[str]:
    """Content codings the client accepts (q > 0), from its Accept-Encoding header."""
    accepted = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip()
        if quality.startswith("q="):
            try:
                if float(quality[2:]) <= 0:
                    continue
            except ValueError:
                continue
        if name:
            accepted.add(name.strip())
    return accepted


def choose_encoding(entry: dict, accept_encoding: str) -> str:
    accepted = accepted_encodings(accept_encoding)
    for encoding in ("br", "gzip"):
        if encoding in entry["bodies"] and (encoding in accepted or "*" in accepted):
            return encoding
    return "identity"


def _etag_for(entry: dict, encoding: str) -> str:
    # A strong ETag names one representation: each encoding gets its own.
    return f'"{entry["etag"]}{ENCODING_SUFFIX.get(encoding, "")}"'


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in candidates


def render(entry: dict, *, method: str, accept_encoding: str, if_none_match: str, state: str):
    """Status, headers and body to send for a stored entry (a 304 when the ETag matches)."""
    encoding = choose_encoding(entry, accept_encoding)
    etag = _etag_for(entry, encoding)
    headers = list(entry["headers"])
    headers += [
        ("ETag", etag),
        ("Age", str(max(0, int(time.time() - entry["stored_at"])))),
        (PAGE_CACHE_HEADER, state),
    ]
    if entry["status"] == 200 and if_none_match and _matches(if_none_match, etag):
        kept = {"cache-control", "vary", "content-location", "expires", "last-modified"}
        # The cache's own header stays too: it tells who answered (the cache, not the view).
        extra = ("ETag", "Age", PAGE_CACHE_HEADER)
        return 304, [(n, v) for n, v in headers if n.lower() in kept or n in extra], b""
    body = entry["bodies"][encoding]
    if encoding != "identity":
        headers.append(("Content-Encoding", encoding))
    headers.append(("Content-Length", str(len(body))))
    return entry["status"], headers, b"" if method == "HEAD" else body


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def response_from(entry: dict, request: HttpRequest, *, state: str) -> HttpResponse:
    """The stored entry as a Django response, for the middleware (hits and fresh stores)."""
    status, headers, body = render(
        entry,
        method=request.method,
        accept_encoding=request.META.get("HTTP_ACCEPT_ENCODING", ""),
        if_none_match=request.META.get("HTTP_IF_NONE_MATCH", ""),
        state=state,
    )
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


def storable_ttl(request: HttpRequest, response: HttpResponse) -> int:
    """Seconds the response may be kept for everyone, or 0 when it must not be stored."""
    if request.method != "GET" or response.status_code not in STORABLE_STATUSES:
        return 0
    if (
        getattr(response, "streaming", False)
        or response.cookies
        or response.has_header("Set-Cookie")
        or response.has_header("Content-Encoding")
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


def _compressible(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return len(response.content) >= COMPRESS_MIN_BYTES and (
        content_type.startswith(COMPRESSIBLE_TYPES) or content_type.endswith(COMPRESSIBLE_SUFFIXES)
    )


def entry_for(found: Lookup, response: HttpResponse) -> dict:
    content = response.content
    bodies = {"identity": content}
    if _compressible(response):
        bodies["gzip"] = gzip.compress(content, compresslevel=6, mtime=0)
        bodies["br"] = brotli.compress(content, quality=8)
    etag = response.get("ETag", "").strip().removeprefix("W/").strip('"')
    if not etag:
        etag = hashlib.blake2b(content, digest_size=12).hexdigest()
    vary = response.get("Vary")
    headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
    if len(bodies) > 1 and (vary is None or "accept-encoding" not in vary.lower()):
        headers = [(n, v) for n, v in headers if n != "Vary"]
        headers.append(("Vary", f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"))
    return {
        "status": response.status_code,
        "bodies": bodies,
        "etag": etag,
        "headers": headers,
        "path_token": found.path_token,
        "global_token": found.global_token,
        "stored_at": time.time(),
    }


def store(found: Lookup, response: HttpResponse, *, ttl: int) -> dict:
    entry = entry_for(found, response)
    cache.set(found.entry_key, entry, timeout=ttl)
    return entry


def invalidate_paths(paths) -> None:
    """Every cached query string of these paths, on every host, is stale from now on."""
    paths = set(paths)
    if paths:
        cache.set_many({_path_token_key(path): _new_token() for path in paths}, timeout=None)


def invalidate_all() -> None:
    cache.set(GLOBAL_TOKEN_KEY, _new_token(), timeout=None)
