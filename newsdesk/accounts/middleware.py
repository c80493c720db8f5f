"""The session cookie of a network of sites: shared by sites under one parent domain.

``SESSION_COOKIE_DOMAIN`` (e.g. ``.example.com``) lets a reader signed in on
news.example.com be known on sport.example.com. A browser refuses a cookie whose domain
does not cover the host that set it, so for any other host (127.0.0.1, a preview domain)
the cookie falls back to host-only instead of silently never being stored.
``SESSION_COOKIE_DOMAIN`` is read per response, so tests can change it.
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware


def host_in_domain(host: str, domain: str) -> bool:
    host = host.split(":", 1)[0].lower().rstrip(".")
    domain = domain.lower().strip(".")
    if "." not in domain:
        # A bare top-level name (.localhost, .com) is refused by browsers: the cookie
        # would never be stored at all.
        return False
    return host == domain or host.endswith("." + domain)


class NetworkSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        domain = settings.SESSION_COOKIE_DOMAIN
        name = settings.SESSION_COOKIE_NAME
        if domain and name in response.cookies and not host_in_domain(request.get_host(), domain):
            response.cookies[name]["domain"] = ""
        return response
