"""Reads of tags."""

from newsdesk.tags.models import Tag


def tag_by_slug(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()
