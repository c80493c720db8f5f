from django import template
from django.utils.translation import gettext_lazy as _

from newsdesk.local.components import local_components

register = template.Library()


@register.inclusion_tag("local/slots.html")
def local_slots(heading: str | None = None):
    """Empty slots for every component; local.js fills them (same bytes for everyone)."""
    return {"components": local_components(), "heading": heading or _("Your area")}
