"""Public pages speak their site's language, whoever reads them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from newsdesk.network.selectors import site_language_for_request

API_PREFIX = "/api/"
# The scripts' catalog names its language in its URL (``core.jsi18n``).
JS_CATALOG_PREFIX = "/jsi18n/"


class SiteLanguageMiddleware:
    """Activate the language set in the site's settings for the whole request.

    Public pages are cached and served as the same bytes to every reader of a site, so
    the language comes from the site alone: never from Accept-Language or a cookie (that
    is why Django's ``LocaleMiddleware`` is not used; it would also add
    ``Vary: Accept-Language``). The Wagtail admin is left alone: it shows each editor's
    own preferred language (their account settings), and its sign-in page Django's default.
    The read API is left alone too: it serves data (with language codes), not prose, and
    its schema is read without a site.
    So are requests that show no prose: the health probes (which must answer without the
    database or cache the language may need), static files and uploads, and the scripts'
    catalog, which carries its language in its URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._skipped_paths: frozenset[str] = frozenset()
        self._skipped_prefixes: tuple[str, ...] = ()

    def __call__(self, request):
        if not self._skipped_prefixes:
            self._skipped_paths = frozenset((reverse("healthz"), reverse("readyz")))
            local_files = (p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p[:1] == "/")
            self._skipped_prefixes = (
                reverse("wagtailadmin_home"),
                API_PREFIX,
                JS_CATALOG_PREFIX,
                *local_files,
            )
        path = request.path_info
        if path in self._skipped_paths or path.startswith(self._skipped_prefixes):
            return self.get_response(request)
        language = site_language_for_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
