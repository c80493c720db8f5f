"""Answer page-cache hits at the WSGI level, before Django builds its request.

A hit needs only the host, path, query string and the cookie header (for the editor
marker): no request object, no middleware, no URL routing, no database. Everything
else, misses included, goes to Django, whose ``PageCacheMiddleware`` stores what is
public under the same key. Any error here falls through to Django: the cache may cost
speed, never the page.
"""

from __future__ import annotations

import logging

from newsdesk.caching import pagecache
from newsdesk.caching.middleware import bypasses_page_cache

logger = logging.getLogger(__name__)


class PageCacheApp:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            answer = self._hit(environ)
        except Exception:
            logger.warning("Page cache unavailable at the WSGI layer", exc_info=True)
            answer = None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(pagecache.status_line(status), headers)
        return [body]

    @staticmethod
    def _hit(environ):
        if bypasses_page_cache(environ):
            return None
        found = pagecache.lookup_environ(environ)
        if found.entry is None:
            return None
        return pagecache.render(
            found.entry,
            method=environ["REQUEST_METHOD"],
            accept_encoding=environ.get("HTTP_ACCEPT_ENCODING", ""),
            if_none_match=environ.get("HTTP_IF_NONE_MATCH", ""),
            state="hit",
        )
