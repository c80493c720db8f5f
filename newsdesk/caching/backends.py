"""A Varnish purge backend for Wagtail's front-end cache module, with timeouts.

Wagtail's ``HTTPBackend`` sends ``PURGE <path>`` with the page's Host, and waits on the
socket without a time limit. This one is the same protocol with a timeout (a stuck
cache must never hold up a publish), and it can also ``BAN`` by cache tag, which
``deploy/varnish/default.vcl`` understands. Failures are logged and swallowed.
"""

from __future__ import annotations

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 2.0
BAN_TAGS_HEADER = "X-Ban-Tags"


class _MethodRequest(Request):
    def __init__(self, *args, method: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._method = method

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        super().__init__(params)

    def _send(self, *, method: str, path: str, query: str = "", headers: dict) -> bool:
        url = urlunsplit([self.cache_scheme, self.cache_netloc, path or "/", query, ""])
        request = _MethodRequest(url, method=method, headers=headers)
        try:
            with urlopen(request, timeout=self.timeout):  # the operator's own URL
                return True
        except HTTPError as error:
            logger.error("Varnish %s %s failed: HTTP %s", method, path, error.code)
        except (URLError, OSError) as error:
            logger.error("Varnish %s %s failed: %s", method, path, error)
        return False

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        self._send(
            method="PURGE",
            path=parsed.path,
            query=parsed.query,
            headers={"Host": host, "User-Agent": "newsdesk-purge"},
        )

    def ban_tags(self, tags) -> None:
        tags = [tag for tag in tags if tag]
        if tags:
            self._send(
                method="BAN",
                path="/",
                headers={BAN_TAGS_HEADER: " ".join(tags), "User-Agent": "newsdesk-purge"},
            )
