"""Where a ``next`` parameter may send a browser: only back to this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url_safe(request: HttpRequest, *, default: str) -> str:
    """The request's ``next`` (POST first, then GET) if it stays on this host, else ``default``.

    Every view that reads ``next`` goes through here, so no form or link can be turned into
    a redirect to someone else's site (docs/SECURITY.md, row 11).
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path or a full URL only: ``redirect()`` would try any other word ("0") as the name
    # of a view to reverse.
    if not target.startswith(("/", "http://", "https://")):
        return default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
