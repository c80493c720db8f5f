"""Views and comment counts of published contributions, for the contributor.

Views are counted here (``PublishedContribution.views``, from a beacon on the article
page). Comment counts belong to the discussions app: it registers a counter with
``comment_counter_register(fn)`` in its ``AppConfig.ready()``, where ``fn(article_ids)``
returns ``{article_id: count}``. Until one is registered, comment counts are ``None``
and templates leave them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

CommentCounter = Callable[[list[int]], dict[int, int]]
_comment_counters: list[CommentCounter] = []


def comment_counter_register(counter: CommentCounter) -> CommentCounter:
    if counter not in _comment_counters:
        _comment_counters.append(counter)
    return counter


def comment_counter_unregister(counter: CommentCounter) -> None:
    if counter in _comment_counters:
        _comment_counters.remove(counter)


@dataclass(frozen=True)
class Stats:
    views: int
    comments: int | None


def stats_for_publications(publications: Iterable) -> dict[int, Stats]:
    publications = list(publications)
    article_ids = [p.article_id for p in publications if p.article_id]
    comments: dict[int, int] | None = None
    if _comment_counters and article_ids:
        comments = {}
        for counter in _comment_counters:
            for article_id, count in counter(article_ids).items():
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
