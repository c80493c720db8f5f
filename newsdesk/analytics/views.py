"""The read beacon: the page POSTs its story id; we count it and answer nothing."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Site

from newsdesk.analytics.services import NOT_A_STORY, read_record
from newsdesk.core.beacons import beacon_count_once_today, beacon_rate_limited, beacon_too_many

FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
BAD_BEACON = "Send the story's id as the 'page' field."


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


# sendBeacon cannot send a CSRF token; a forged read is rate-limited and counts at most once
# per reader (or client) per story per day, so it cannot move most-read (newsdesk.core.beacons).
@csrf_exempt
@require_POST
def beacon(request):
    if beacon_rate_limited(request, group="read"):
        return beacon_too_many()
    if request.content_type in FORM_TYPES:
        raw = request.POST.get("page", "")
    else:  # text/plain "page=123" or "123", as a beacon may send it
        raw = request.body[:64].decode("ascii", "ignore").strip().removeprefix("page=")
    site = Site.find_for_request(request)
    if not raw.isdigit() or len(raw) > 18 or site is None:
        return _no_store(HttpResponseBadRequest(BAD_BEACON))
    article_id = int(raw)
    try:
        beacon_count_once_today(
            request,
            kind="read",
            object_id=article_id,
            count=lambda: read_record(site=site, article_id=article_id),
        )
    except ValueError:
        return _no_store(HttpResponseBadRequest(NOT_A_STORY))
    return _no_store(HttpResponse(status=204))
