"""Writes about the sites of the network."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Site

from newsdesk.network.selectors import SITE_LANGUAGE_GENERATION_KEY

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def _is_local(hostname: str) -> bool:
    return hostname in LOOPBACK_HOSTS or hostname.endswith(".localhost")


@transaction.atomic
def site_addresses_for_local_serve(*, host: str, port: int) -> list[Site]:
    """Point the sites that live on this machine at the host and port being served.

    The ``Site`` rows are the one record of each site's public address (canonical links,
    ``og:url``, JSON-LD, sitemaps and feeds all come from them). The demo's sites are
    local names (``localhost``, ``sport.localhost``): when ``serve`` runs on another host or
    port, their rows follow, or every absolute link would point where nothing answers.
    A site with a real domain name is configured by its operator (Settings → Sites in the
    admin) and never touched here. Returns the sites that changed.
    """
    changed = []
    for site in Site.objects.select_for_update().order_by("pk"):
        if not _is_local(site.hostname):
            continue
        hostname = site.hostname
        if hostname in LOOPBACK_HOSTS and not host.endswith(".localhost"):
            # The default site is the one served at the bare address serve prints.
            hostname = host
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
            changed.append(site)
    return changed


def site_language_forget() -> None:
    """Drop every cached site language (a site's settings or address changed)."""
    # Read and set, not ``incr``: two saves at once both land on a new generation, which
    # is all that matters, and neither fails while Redis is down (``incr`` fails closed;
    # reads then fail open, so nothing stale is served meanwhile).
    _next_site_language_generation()
    # Again once the save is committed: a request that read the settings before then,
    # after the first bump, stored the old language under the new generation.
    transaction.on_commit(_next_site_language_generation)


def _next_site_language_generation() -> None:
    generation = cache.get(SITE_LANGUAGE_GENERATION_KEY) or 0
    cache.set(SITE_LANGUAGE_GENERATION_KEY, generation + 1, None)
