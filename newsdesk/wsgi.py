"""WSGI entry point for production servers (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
django_application = get_wsgi_application()

# Imported once Django is set up: it reads settings and the cache.
from newsdesk.caching.wsgi import PageCacheApp  # noqa: E402

# Page-cache hits are answered here, before Django builds its request (newsdesk.caching).
application = PageCacheApp(django_application)
