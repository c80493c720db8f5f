"""The read beacon: the page POSTs its story id; we count it and answer nothing."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Site

from newsdesk.analytics.services import NOT_A_STORY, read_record

FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
BAD_BEACON = "Send the story's id as the 'page' field."


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


# sendBeacon cannot send a CSRF token, and a forged read changes nothing but a counter.
@csrf_exempt
@require_POST
def beacon(request):
    if request.content_type in FORM_TYPES:
        raw = request.POST.get("page", "")
    else:  # text/plain "page=123" or "123", as a beacon may send it
        raw = request.body[:64].decode("ascii", "ignore").strip().removeprefix("page=")
    site = Site.find_for_request(request)
    if not raw.isdigit() or len(raw) > 18 or site is None:
        return _no_store(HttpResponseBadRequest(BAD_BEACON))
    try:
        read_record(site=site, article_id=int(raw))
    except ValueError:
        return _no_store(HttpResponseBadRequest(NOT_A_STORY))
    return _no_store(HttpResponse(status=204))
