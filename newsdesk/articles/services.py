"""Writes on articles: creating and publishing a story under a section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from newsdesk.articles.models import ArticleAuthor, ArticlePage
from newsdesk.tags.services import tag_get_or_create


def unique_child_slug(*, parent: Page, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:70].strip("-") or "story"
    slug, n = base, 2
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def article_create(
    *,
    section: Page,
    title: str,
    body: list[dict],
    tags: Sequence[tuple[str, str | None]] = (),
    published_at: datetime | None = None,
    publish: bool = True,
    user=None,
    authors=(),
    **fields,
) -> ArticlePage:
    """File a new story under ``section``; publish it with its original time if given.

    ``tags`` are (name, kind) pairs; kind may be None for "topic unless known".
    ``authors`` are ``authors.Author`` rows, in byline order.
    """
    article = ArticlePage(
        title=title,
        slug=unique_child_slug(parent=section, title=title),
        body=body,
        live=False,
        first_published_at=published_at,
        **fields,
    )
    section.add_child(instance=article)
    article.tags.set([tag_get_or_create(name=name, kind=kind) for name, kind in tags])
    article_authors_set(article=article, authors=authors)
    revision = article.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        if published_at is not None:
            # A story filed earlier was last published then, not at the moment of import.
            ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published_at)
            article.last_published_at = published_at
    return article


def article_authors_set(*, article: ArticlePage, authors) -> None:
    """Put ``authors`` on the byline, in order; saved with the article's next revision."""
    article.article_authors = [
        ArticleAuthor(author=author, sort_order=order) for order, author in enumerate(authors)
    ]
