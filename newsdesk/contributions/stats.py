"""Views and comment counts of published contributions, for the contributor.

Views are counted here (``PublishedContribution.views``, from a beacon on the article
page). Comment counts belong to the discussions app, which registers with the
``ARTICLE_COMMENT_COUNTS`` hook (``newsdesk.core.hooks``). With no registrant, comment
counts are ``None`` and templates leave them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wagtail import hooks

from newsdesk.core.hooks import ARTICLE_COMMENT_COUNTS


@dataclass(frozen=True)
class Stats:
    views: int
    comments: int | None


def stats_for_publications(publications: Iterable) -> dict[int, Stats]:
    publications = list(publications)
    article_ids = [p.article_id for p in publications if p.article_id]
    comments: dict[int, int] | None = None
    counters = hooks.get_hooks(ARTICLE_COMMENT_COUNTS)
    if counters and article_ids:
        comments = {}
        for counter in counters:
            for article_id, count in counter(article_ids=article_ids).items():
                comments[article_id] = comments.get(article_id, 0) + count
    return {
        p.pk: Stats(
            views=p.views,
            comments=(
                comments.get(p.article_id, 0) if comments is not None and p.article_id else None
            ),
        )
        for p in publications
    }
