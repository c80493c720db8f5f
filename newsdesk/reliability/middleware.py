"""Fail closed, clearly, when the shared cache or the database is down.

Rate limits (comments, sign-in, sign-up, password reset) count in the shared cache. When
Redis is unreachable we cannot count, so the write is refused with 503, ``Retry-After``
and a message saying why, instead of a 500 or, worse, no limit at all. Reading is not
affected: the page cache fails open (see ``newsdesk.caching.middleware``) and sessions
fall back to the database (``newsdesk.reliability.sessions``).

When the database itself is unreachable (PostgreSQL restarting, the pool out of
connections), every request that needs it gets the same kind of answer: 503 with
``Retry-After`` and a plain message, never Django's bare 500. Errors raised in a view
reach ``process_exception``; errors raised in another middleware (the session or the
site lookup) reach Django's 500 handler, which ``server_error`` replaces.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from newsdesk.reliability.faults import is_cache_outage, is_database_outage

logger = logging.getLogger(__name__)

CACHE_OUTAGE_MESSAGE = _(
    "We can't check posting and sign-in limits right now, so this action is paused. "
    "Nothing was saved. Please try again in a minute."
)
DATABASE_OUTAGE_MESSAGE = _(
    "We can't reach our database for a moment. If you were posting, check whether it "
    "went through before sending it again. Please try again in a minute."
)
RETRY_AFTER_SECONDS = 60

# Built without the database or the cache (either may be what is down): no site name or
# menus, only the site's stylesheet.
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Please try again in a minute</title>
<link rel="stylesheet" href="{stylesheet}"></head>
<body><main id="main" class="page"><h1>Please try again in a minute</h1><p>{message}</p>
<p><a href="/">Back to the front page</a></p></main></body></html>
"""


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.path.endswith(".json")


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return outage_response(request, exception)


def outage_response(request, exception) -> HttpResponse | None:
    """503 with a message saying what is down, or None when ``exception`` is no outage."""
    if is_cache_outage(exception):
        what, message = "Shared cache", CACHE_OUTAGE_MESSAGE
    elif is_database_outage(exception):
        what, message = "Database", DATABASE_OUTAGE_MESSAGE
    else:
        return None
    logger.error("%s unavailable during %s %s: %s", what, request.method, request.path, exception)
    if _wants_json(request):
        response = JsonResponse({"ok": False, "message": message}, status=503)
    else:
        page = _PAGE.format(message=escape(message), stylesheet=static("css/site.css"))
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "private, no-store"
    return response
