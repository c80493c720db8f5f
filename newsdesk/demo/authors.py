"""Demo authors: a few reporters with bios, so demo bylines link to author pages."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.authors.models import Author, AuthorLink

AUTHORS_FILE = Path(__file__).resolve().parent / "content" / "authors.json"


def demo_authors_load() -> list[Author]:
    authors = []
    for item in json.loads(AUTHORS_FILE.read_text(encoding="utf-8")):
        author = Author(name=item["name"], slug=item["slug"], role=item["role"], bio=item["bio"])
        author.links = [AuthorLink(label=link["label"], url=link["url"]) for link in item["links"]]
        author.full_clean()
        author.save()
        authors.append(author)
    return authors
