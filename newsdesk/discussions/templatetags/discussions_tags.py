from django import template

from newsdesk.discussions.selectors import comments_by_author

register = template.Library()


@register.inclusion_tag("discussions/_profile_comments.html")
def profile_comments(profile):
    """The profile's latest published comments (none for a tombstone profile)."""
    if profile is None or profile.user_id is None:
        return {"comments": []}
    return {"comments": comments_by_author(user=profile.user)}
