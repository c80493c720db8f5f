"""Factories for articles, published through Wagtail's revisions like real ones."""

from datetime import timedelta

from django.utils import timezone

from newsdesk.articles.services import article_create


def article_factory(
    *,
    section,
    title: str = "A story",
    tags=(),
    hours_ago: float = 1,
    body_text: str = "The first paragraph of the story.",
    publish: bool = True,
    **fields,
):
    return article_create(
        section=section,
        title=title,
        body=[{"type": "paragraph", "value": f"<p>{body_text}</p>"}],
        tags=[(name, None) for name in tags],
        published_at=timezone.now() - timedelta(hours=hours_ago),
        publish=publish,
        **fields,
    )
