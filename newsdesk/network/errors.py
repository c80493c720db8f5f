"""Branded 404, 403 and 500 pages that render even when the database is down.

The pages are rendered without a request, so no context processor (site settings, the
signed-in user, the session) touches the database. A 404 or 403 names the site and lists
its sections when the database answers; a 500 never asks, because the database may be the
reason for it. Each page is the same bytes for every reader of a site.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from newsdesk.network.selectors import site_navigation, site_settings_for

logger = logging.getLogger(__name__)

NOT_FOUND_TITLE = _("We can't find that page")
NOT_FOUND_MESSAGE = _(
    "The address may be mistyped, or the page may have moved or been taken down. "
    "Try a search, or start again from the front page."
)
FORBIDDEN_TITLE = _("You can't open this page")
FORBIDDEN_MESSAGE = _(
    "This page is not open to you. If you were sending a form, reload the page it came "
    "from and try again; if you think you should have access, sign in first."
)
SERVER_ERROR_TITLE = _("Something went wrong on our side")
SERVER_ERROR_MESSAGE = _(
    "We could not show this page. The error has been logged. "
    "Please try again in a minute, or start again from the front page."
)


def _site_frame(request) -> dict:
    """The site's brand and sections, or a plain frame when the database cannot say."""
    frame = {"brand": settings.WAGTAIL_SITE_NAME, "navigation": []}
    try:
        site = Site.find_for_request(request)
        if site is not None:
            frame["brand"] = site_settings_for(site=site).brand_name or frame["brand"]
            frame["navigation"] = site_navigation(site=site)
    except Exception:
        # An error page must not fail in turn: without the database (or the cache that
        # holds the menu) it still renders, with the plain frame.
        logger.warning("Error page for %s rendered without the site's frame", request.path)
    return frame


def error_page(*, status: int, title: str, message: str, frame: dict) -> HttpResponse:
    html = render_to_string(
        "errors/error.html", {"status": status, "title": title, "message": message, **frame}
    )
    return HttpResponse(html, status=status)


def page_not_found(request, exception=None):
    return error_page(
        status=404, title=NOT_FOUND_TITLE, message=NOT_FOUND_MESSAGE, frame=_site_frame(request)
    )


def permission_denied(request, exception=None):
    return error_page(
        status=403, title=FORBIDDEN_TITLE, message=FORBIDDEN_MESSAGE, frame=_site_frame(request)
    )


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (an expired page, cookies blocked): the
    branded 403, not Django's debugging page, which names tokens and settings."""
    return permission_denied(request)


def server_error(request):
    frame = {"brand": settings.WAGTAIL_SITE_NAME, "navigation": []}
    return error_page(
        status=500, title=SERVER_ERROR_TITLE, message=SERVER_ERROR_MESSAGE, frame=frame
    )
