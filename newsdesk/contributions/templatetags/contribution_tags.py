"""Template tags that public templates (articles, profiles) use to show contributions."""

from django import template

from newsdesk.contributions.selectors import publication_for_article, publication_list_for_profile
from newsdesk.contributions.stats import stats_for_publications

register = template.Library()


@register.simple_tag
def contribution_for_article(article):
    """The reader contribution this article was published from, or None (one query)."""
    if article is None or not getattr(article, "pk", None):
        return None
    return publication_for_article(article=article)


@register.simple_tag
def contributions_for_profile(profile):
    """The profile's published contributions with their views and comment counts."""
    publications = list(publication_list_for_profile(profile=profile))
    stats = stats_for_publications(publications)
    return [(publication, stats[publication.pk]) for publication in publications]


@register.filter
def stats_of(stats: dict, publication):
    return stats.get(publication.pk) if publication else None
