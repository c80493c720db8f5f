"""``/live/blogs/<id>/entries.json?since=<entry id>``: what a reader's open page polls."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from newsdesk.liveblogs.selectors import entries_document, entries_etag, live_blog_version

BAD_SINCE = _("'since' must be the id of an entry (a whole number of 0 or more).")
NO_BLOG = _("There is no live blog with this id.")


def _cache_headers(response) -> None:
    # The same for every reader. Browsers revalidate each poll (cheap: a 304); shared
    # caches keep it until an entry write purges it.
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.NEWSDESK_LIVEBLOG_SHARED_MAX_AGE}"
    )
    patch_vary_headers(response, ["Accept-Encoding"])


@require_safe
def entries_json(request, blog_id: int):
    raw_since = request.GET.get("since", "0") or "0"
    if not raw_since.isdigit() or len(raw_since) > 18:
        return JsonResponse({"error": str(BAD_SINCE)}, status=400)
    since = int(raw_since)
    if_none_match = parse_etags(request.headers.get("If-None-Match", ""))
    etag = entries_etag(blog_id=blog_id, since=since, version=live_blog_version(blog_id=blog_id))
    if etag in if_none_match:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        _cache_headers(response)
        return response
    document = entries_document(blog_id=blog_id, since=since, request=request)
    if document is None:
        return JsonResponse({"error": str(NO_BLOG)}, status=404)
    response = HttpResponse(document.body, content_type="application/json")
    response["ETag"] = document.etag
    _cache_headers(response)
    return response
