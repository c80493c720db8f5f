"""Receivers for events newsdesk does not own (Django's sign-in)."""

from django.conf import settings

from newsdesk.local.components import local_component_get
from newsdesk.local.models import LocationChoice, Place
from newsdesk.local.selectors import location_cookie_read
from newsdesk.local.services import location_choices_save


def location_choices_adopt_cookie(sender, request, user, **kwargs):
    """Keep the places a reader chose before signing in, unless their account has some."""
    if request is None or LocationChoice.objects.filter(user=user).exists():
        return
    slugs = location_cookie_read(request.COOKIES.get(settings.NEWSDESK_LOCATION_COOKIE))
    slugs = {name: slug for name, slug in slugs.items() if local_component_get(name=name)}
    if not slugs:
        return
    places = {p.slug: p for p in Place.objects.filter(slug__in=slugs.values())}
    choices = {name: places[slug] for name, slug in slugs.items() if slug in places}
    if choices:
        location_choices_save(user=user, choices=choices)
