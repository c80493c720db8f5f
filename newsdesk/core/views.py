"""Operational endpoints (health, readiness) and safe serving of uploaded media."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """The process can serve: its database and cache both answer."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any driver error means "not ready"
        logger.warning("readyz: database unreachable: %s", error)
        checks["database"] = "unavailable"
    try:
        cache.set("newsdesk:readyz", "1", 5)
        checks["cache"] = "ok" if cache.get("newsdesk:readyz") == "1" else "unavailable"
    except Exception as error:
        logger.warning("readyz: cache unreachable: %s", error)
        checks["cache"] = "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an upload so that it can never run as a page: no sniffing, sandboxed."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def not_found(request, **kwargs):
    """Shadows a third-party route for URLs it would answer with a 500 (see urls.py)."""
    raise Http404
