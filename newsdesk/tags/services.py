"""Writes on tags."""

from django.utils.text import slugify

from newsdesk.tags.models import Tag
from newsdesk.tags.naming import tag_name_cased


def tag_get_or_create(*, name: str, kind: str | None = None) -> Tag:
    """The tag with this name (case-insensitive), made if new; an explicit kind is kept."""
    name = tag_name_cased(" ".join(name.split())[:100])
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is not None and tag.name == tag.name.lower() and name != tag.name:
        tag.name = name  # a source that writes it properly fixes an older lower-case name
        tag.save(update_fields=["name"])
    if tag is None:
        slug = slugify(name, allow_unicode=True)[:100] or "tag"
        base, n = slug, 2
        while Tag.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}"[:100], n + 1
        tag = Tag(name=name, slug=slug, kind=kind or Tag.Kind.TOPIC)
        tag.full_clean()
        tag.save()
    elif kind and tag.kind != kind and tag.kind == Tag.Kind.TOPIC:
        tag.kind = kind
        tag.save(update_fields=["kind"])
    return tag
