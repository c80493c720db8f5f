"""The site scripts' translation catalog, served once per language and deploy.

The URL carries the language and a digest of the compiled catalogs, so the response never
changes for a URL: shared caches and browsers keep it for a year, and a deploy with new
translations simply links a new URL. No session, cookie or Vary is involved.
"""

import hashlib
from functools import cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.i18n import JavaScriptCatalog

ONE_YEAR = 365 * 24 * 60 * 60
# Without ``packages`` the catalog would merge every installed app's djangojs catalog
# (Wagtail admin's), strings no public script uses, which change with an upgrade that the
# digest does not see. Naming an app makes Django read that app's locale folder (core has
# none) and LOCALE_PATHS, where our catalog lives, and no other app's.
CATALOG_PACKAGES = ["newsdesk.core"]


@cache
def catalog_version() -> str:
    """A short digest of every compiled djangojs catalog: changes when a translation does."""
    digest = hashlib.sha256()
    for locale_path in settings.LOCALE_PATHS:
        for mo in sorted(locale_path.glob("*/LC_MESSAGES/djangojs.mo")):
            digest.update(str(mo.relative_to(locale_path)).encode())
            digest.update(mo.read_bytes())
    return digest.hexdigest()[:12]


def catalog_url(language: str | None = None) -> str:
    """Where the catalog for a language (default: the active one) lives in this deploy."""
    return reverse(
        "javascript_catalog",
        kwargs={"language": language or translation.get_language(), "version": catalog_version()},
    )


def javascript_catalog(request: HttpRequest, language: str, version: str) -> HttpResponse:
    """Django's JavaScriptCatalog for the language in the URL, cacheable for a year."""
    if version != catalog_version() or not translation.check_for_language(language):
        raise Http404("No such catalog.")
    with translation.override(language):
        response = JavaScriptCatalog.as_view(domain="djangojs", packages=CATALOG_PACKAGES)(request)
    patch_cache_control(response, public=True, max_age=ONE_YEAR, immutable=True)
    return response
