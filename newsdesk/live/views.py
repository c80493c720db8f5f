"""``/live/latest.json``: the newest story per site, for banners and front caches."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from newsdesk.live.selectors import live_latest


@require_safe
def latest_json(request):
    document = live_latest()
    if_none_match = parse_etags(request.headers.get("If-None-Match", ""))
    if document.etag in if_none_match or "*" in if_none_match:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(document.body, content_type="application/json")
    response["ETag"] = document.etag
    # Same for every reader, so any cache may keep it a few seconds; never the session.
    age = settings.NEWSDESK_LIVE_MAX_AGE
    response["Cache-Control"] = f"public, max-age={age}, s-maxage={age}"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
