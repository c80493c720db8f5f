import zlib

from django import template
from django.utils.html import format_html

from newsdesk.discussions.selectors import comments_by_author

register = template.Library()

AVATAR_SIZE = 36
AVATAR_COLOURS = 8  # .comment__avatar--c0 ... --c7 in site.css


@register.inclusion_tag("discussions/_profile_comments.html")
def profile_comments(profile):
    """The profile's latest published comments (none for a tombstone profile)."""
    if profile is None or profile.user_id is None:
        return {"comments": []}
    return {"comments": comments_by_author(user=profile.user)}


@register.simple_tag
def comment_avatar(comment):
    """The author's picture, or their initial on a circle whose colour their name picks.

    The colour (one of ``AVATAR_COLOURS`` classes, not an inline style, which the
    Content-Security-Policy forbids) comes from a checksum of the username, so a reader
    keeps one colour across every thread and page without storing it. Decorative: the
    name follows it.
    """
    profile = getattr(comment.author, "profile", None) if comment.author_id else None
    if profile is not None and profile.avatar:
        return format_html(
            '<img class="comment__avatar" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            profile.avatar.url,
            AVATAR_SIZE,
            AVATAR_SIZE,
        )
    name = profile.shown_name if profile is not None else ""
    initial = name[:1].upper() or "?"
    colour = zlib.crc32((profile.username if profile else "").encode()) % AVATAR_COLOURS
    return format_html(
        '<span class="comment__avatar comment__avatar--initial comment__avatar--c{}"'
        ' aria-hidden="true">{}</span>',
        colour,
        initial,
    )
