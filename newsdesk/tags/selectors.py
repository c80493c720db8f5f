"""Reads of tags."""

from newsdesk.tags.models import Tag


def tag_by_slug(*, slug: str) -> Tag | None:
    if "\x00" in slug:  # no slug holds one, and PostgreSQL refuses it in a query
        return None
    return Tag.objects.filter(slug=slug).first()
