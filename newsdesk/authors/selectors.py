"""Reads of authors: by slug, by a byline's name, and their published stories."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Max, QuerySet
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_list_published
from newsdesk.authors.models import Author

_SPACE = re.compile(r"\s+")
# "By Jane Doe and John Roe, AFP": the separators a byline puts between names.
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


def _folded(name: str) -> str:
    """A name as compared: NFKC, case-folded, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def author_by_slug(*, slug: str) -> Author | None:
    return Author.objects.filter(slug=slug).prefetch_related("links").first()


def author_match(*, name: str) -> Author | None:
    """The author whose name is ``name`` (ignoring case, width and spacing), if exactly one."""
    folded = _folded(name)
    if not folded:
        return None
    # Names are few and short; comparing folded names in Python handles any Unicode
    # the database's own case folding would not.
    candidates = Author.objects.filter(name__iexact=name.strip()) or Author.objects.all()
    matches = [author for author in candidates if _folded(author.name) == folded]
    return matches[0] if len(matches) == 1 else None


def author_list_for_byline(*, byline: str) -> list[Author]:
    """The authors a free-text byline names, in order; empty unless every name matches.

    A byline that names someone without an author page keeps its free text, so that a
    partial match never drops a name from the story.
    """
    byline = re.sub(r"^\s*by\s+", "", byline or "", flags=re.IGNORECASE)
    names = [part for part in _BYLINE_SPLIT.split(byline) if part.strip()]
    matches = [author_match(name=name) for name in names]
    authors = [author for author in matches if author is not None]
    if not authors or len(authors) < len(matches):
        return []
    return list(dict.fromkeys(authors))


def article_list_for_author(*, author: Author, site_root: Page) -> QuerySet[ArticlePage]:
    """The author's published stories on one site, newest first."""
    return article_list_published(site_root=site_root).filter(article_authors__author=author)


def author_list_with_stories(*, site_root: Page) -> QuerySet[Author]:
    """Authors with at least one published story on the site, with their latest story's time."""
    stories = ArticlePage.objects.published().descendant_of(site_root)
    return (
        Author.objects.filter(article_links__article__in=stories)
        .annotate(latest_story_at=Max("article_links__article__last_published_at"))
        .order_by("name", "pk")
    )
