"""Public pages speak their site's language, whoever reads them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from newsdesk.network.selectors import site_language_for_request

API_PREFIX = "/api/"


class SiteLanguageMiddleware:
    """Activate the language set in the site's settings for the whole request.

    Public pages are cached and served as the same bytes to every reader of a site, so
    the language comes from the site alone: never from Accept-Language or a cookie (that
    is why Django's ``LocaleMiddleware`` is not used; it would also add
    ``Vary: Accept-Language``). The Wagtail admin is left alone: it shows each editor's
    own preferred language (their account settings), and its sign-in page Django's default.
    The read API is left alone too: it serves data (with language codes), not prose, and
    its schema is read without a site.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._skipped_prefixes: tuple[str, ...] = ()

    def __call__(self, request):
        if not self._skipped_prefixes:
            self._skipped_prefixes = (reverse("wagtailadmin_home"), API_PREFIX)
        if request.path_info.startswith(self._skipped_prefixes):
            return self.get_response(request)
        language = site_language_for_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
