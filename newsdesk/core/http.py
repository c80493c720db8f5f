"""The one outbound HTTP client: every server-side fetch of a URL goes through ``fetch``.

Wire sources and their photos, traffic feeds, iCalendar listings and weather providers
fetch URLs that come from editors, feeds or third parties. Any of them may point inside
our own network (the cloud metadata service at 169.254.169.254, a database on 10.x, an
admin port on 127.0.0.1), directly, through a redirect, or through a hostname whose DNS
answer is an internal address. So every fetch:

- accepts only ``http`` and ``https`` URLs;
- resolves the host itself, refuses the connection if ANY resolved address is loopback,
  private, link-local, shared (CGNAT), reserved, multicast or unspecified (IPv4 embedded
  in IPv6 is checked as IPv4), and connects to the address it checked, so a second DNS
  answer cannot swap in another one (no rebinding window);
- follows redirects itself, at most ``NEWSDESK_OUTBOUND_MAX_REDIRECTS`` hops, each hop
  checked again;
- refuses a body whose ``Content-Length`` is over ``max_bytes`` before reading it, and
  stops reading as soon as the decoded bytes pass ``max_bytes``;
- times out on connect, on each read, and on the whole fetch (four times ``timeout``);
- ignores proxy environment variables (a proxy would be connected to unchecked).

Every failure raises ``OutboundFetchError`` with the same neutral message, so that an
answer never tells an open internal port from a closed one; the real reason is logged and
kept on ``error.reason`` for the server's own logs. An answer with any HTTP status is a
``FetchedResponse``: callers decide what a 404 means to them.

``settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS`` (CIDR strings, empty by default) lets an
operator reach a wire server on their own network, and lets tests reach a local server.

The Varnish/CDN purge backend (``caching.backends``) does not use this client: it talks
to the operator's own configured cache, which is meant to be internal.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as urllib3_connection

logger = logging.getLogger("newsdesk.core.http")

OUTBOUND_FETCH_FAILED = "The address could not be fetched."
USER_AGENT = "newsdesk/1.0 (+https://github.com/newsdesk)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_TIMEOUT = 10.0
CHUNK_BYTES = 64 * 1024
# Networks that embed an IPv4 address in an IPv6 one (NAT64 well-known prefix); the
# IPv4 part is what a gateway would connect to, so that is what gets checked.
NAT64_NETWORK = ipaddress.ip_network("64:ff9b::/96")
# The IPv4 ranges Python 3.11's ``is_global`` still counts as global.
EXTRA_BLOCKED_NETWORKS = (
    ipaddress.ip_network("100.64.0.0/10"),  # shared address space (carrier-grade NAT)
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
)


class OutboundFetchError(Exception):
    """A fetch failed or was refused; ``str()`` is neutral, ``reason`` is for the logs."""

    def __init__(self, reason: str):
        super().__init__(OUTBOUND_FETCH_FAILED)
        self.reason = reason


class _AddressRefused(Exception):
    """Raised inside the connection: deliberately not an OSError or urllib3 error, so
    neither urllib3's retries nor requests' error wrapping swallow it."""

    def __init__(self, address: str):
        super().__init__(f"address {address} is not allowed")
        self.address = address


@dataclass(frozen=True)
class FetchedResponse:
    status: int
    headers: Mapping[str, str]  # case-insensitive
    content: bytes
    url: str  # the final URL, after redirects


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "NEWSDESK_OUTBOUND_ALLOW_NETWORKS", [])
    ]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_NETWORK:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_is_public(address: IPAddress) -> bool:
    """True if ``address`` is on the public internet (the stdlib's IANA tables decide)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.teredo is not None:
            return False  # a tunnel to an address we cannot see
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return address_is_public(embedded)
    return not (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or any(address in network for network in EXTRA_BLOCKED_NETWORKS)
    )


def address_check(address: str) -> None:
    """Raise ``_AddressRefused`` unless ``address`` (an IP string) may be connected to."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if any(ip in network for network in _allowed_networks()):
        return
    if not address_is_public(ip):
        raise _AddressRefused(address)


class _CheckedConnectionMixin:
    """Resolve, check every address, connect to a checked one (urllib3's ``_new_conn``)."""

    def _new_conn(self) -> socket.socket:
        try:
            infos = socket.getaddrinfo(self._dns_host, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:  # one bad answer refuses them all: no round-robin luck
            address_check(address)
        last_error: OSError | None = None
        for address in addresses:
            try:
                return urllib3_connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                raise ConnectTimeoutError(self, f"connect to {self.host} timed out") from error
            except OSError as error:
                last_error = error
        raise NewConnectionError(self, f"failed to connect: {last_error}")


class _CheckedHTTPConnection(_CheckedConnectionMixin, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedConnectionMixin, HTTPSConnection):
    # TLS still uses the hostname (SNI and certificate check): only the socket's peer
    # address comes from our own checked resolution.
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _CheckedHTTPPool,
            "https": _CheckedHTTPSPool,
        }


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment
    adapter = _CheckedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _url_check(url: str) -> None:
    """Refuse what can be refused before any connection: scheme, missing host, IP literal."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise _Refused(f"unreadable URL ({error})") from None
    if parts.scheme not in ("http", "https"):
        raise _Refused(f"scheme {parts.scheme!r} is not http or https")
    if not host:
        raise _Refused("no host in the URL")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return  # a name: checked once resolved, at connect time
    address_check(host)


class _Refused(Exception):
    pass


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    accept: str | None = None,
    headers: dict | None = None,
) -> FetchedResponse:
    """GET ``url`` under the rules above, or raise ``OutboundFetchError``.

    ``timeout`` is the limit for connecting and for each read, or a ``(connect, read)``
    pair; the whole fetch, redirects and body included, gets four times the longer one.
    """
    try:
        return _fetch(url, max_bytes=max_bytes, timeout=timeout, accept=accept, headers=headers)
    except OutboundFetchError as error:
        logger.warning("Outbound fetch of %s failed: %s", url, error.reason)
        raise


def _fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float | tuple[float, float],
    accept: str | None,
    headers: dict | None,
) -> FetchedResponse:
    request_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    if accept:
        request_headers["Accept"] = accept
    timeouts = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    deadline = time.monotonic() + max(timeouts) * 4
    max_hops = settings.NEWSDESK_OUTBOUND_MAX_REDIRECTS
    with _session() as session:
        for _hop in range(max_hops + 1):
            try:
                _url_check(url)
                response = session.get(
                    url,
                    headers=request_headers,
                    timeout=timeouts,
                    stream=True,
                    allow_redirects=False,
                )
            except _AddressRefused as error:
                raise OutboundFetchError(str(error)) from None
            except _Refused as error:
                raise OutboundFetchError(str(error)) from None
            except requests.RequestException as error:
                raise OutboundFetchError(f"{error.__class__.__name__}: {error}") from None
            with response:
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUSES and location:
                    next_url = urljoin(url, location.strip())
                    if urlsplit(next_url).netloc != urlsplit(url).netloc:
                        # Credentials meant for one host are not sent to another.
                        for name in ("Authorization", "Cookie"):
                            request_headers.pop(name, None)
                    url = next_url.split("#", 1)[0]
                    continue
                content = _read_capped(response, max_bytes=max_bytes, deadline=deadline)
                return FetchedResponse(
                    status=response.status_code,
                    headers=response.headers,
                    content=content,
                    url=url,
                )
    raise OutboundFetchError(f"more than {max_hops} redirects")


def _read_capped(response: requests.Response, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise OutboundFetchError(f"Content-Length {declared} is over the {max_bytes} cap")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                # Counted after decoding, so a small gzip bomb stops here too.
                raise OutboundFetchError(f"body passed the {max_bytes} byte cap")
            if time.monotonic() > deadline:
                raise OutboundFetchError("the whole fetch took too long")
            chunks.append(chunk)
    except requests.RequestException as error:
        raise OutboundFetchError(f"{error.__class__.__name__} while reading: {error}") from None
    return b"".join(chunks)
