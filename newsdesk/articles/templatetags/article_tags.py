"""Rendering a story body with its dateline run into the first paragraph, as print does."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

FIRST_PARAGRAPH_OPEN = re.compile(r"^(\s*<p[^>]*>)")


@register.simple_tag(takes_context=True)
def story_body(context, article):
    rendered = []
    dateline_pending = bool(article.dateline)
    for block in article.body:
        html = str(block.render(context=context.flatten()))
        if dateline_pending and block.block_type == "paragraph":
            dateline = format_html('<span class="dateline">{}</span> \u2013 ', article.dateline)
            html, replaced = FIRST_PARAGRAPH_OPEN.subn(
                lambda m, prefix=dateline: m.group(1) + prefix, html, count=1
            )
            if not replaced:
                html = (
                    format_html('<p><span class="dateline">{}</span></p>', article.dateline) + html
                )
            dateline_pending = False
        rendered.append(html)
    if dateline_pending:
        rendered.insert(0, format_html('<p><span class="dateline">{}</span></p>', article.dateline))
    return mark_safe("\n".join(rendered))
