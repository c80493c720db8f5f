"""Authors for tests."""

from django.utils.text import slugify

from newsdesk.authors.models import Author, AuthorLink


def author_factory(*, name: str = "Jane Doe", links=(), **fields) -> Author:
    author = Author(name=name, slug=fields.pop("slug", slugify(name)), **fields)
    author.links = [AuthorLink(label=label, url=url) for label, url in links]
    author.full_clean()
    author.save()
    return author
