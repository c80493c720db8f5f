from django import template
from django.utils.html import escape

from newsdesk.core.text import xml_safe as _xml_safe

register = template.Library()


@register.filter
def xml_safe(value):
    """Escaped text without XML-illegal characters."""
    return escape(_xml_safe(value))
