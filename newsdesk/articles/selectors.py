"""Reads of articles for pages and listings; each costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail import hooks
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.core.hooks import ARTICLE_CARD_LABELS
from newsdesk.tags.models import Tag


@dataclass(frozen=True)
class ArticleCard:
    """What a listing shows of a story: no further queries when rendered."""

    article: ArticlePage
    url: str
    section_title: str
    section_url: str
    label: str = ""  # "Live" on a running live blog (the ARTICLE_CARD_LABELS hook)

    def __getattr__(self, name):
        return getattr(self.article, name)


def article_tags(*, article: ArticlePage) -> list[Tag]:
    """The article's tags in the order the editor gave them."""
    return article.tags_in_order


def article_list_published(*, site_root: Page) -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published().descendant_of(site_root).newest_first().for_cards()


def article_list_for_section(*, section: Page) -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published().child_of(section).newest_first().for_cards()


def article_list_for_tag(*, tag: Tag, site_root: Page) -> QuerySet[ArticlePage]:
    return article_list_published(site_root=site_root).filter(tagged_items__tag=tag)


def _sections_by_path(*, paths: set[str]) -> dict[str, Page]:
    if not paths:
        return {}
    return {
        page.path: page
        for page in Page.objects.filter(path__in=paths).only(
            "id", "path", "title", "url_path", "depth"
        )
    }


def article_cards(*, articles, request) -> list[ArticleCard]:
    """Wrap articles with their URL and section in one query, whatever their number."""
    articles = list(articles)
    steplen = Page.steplen
    sections = _sections_by_path(paths={a.path[:-steplen] for a in articles})
    labels: dict[int, str] = {}
    if articles:
        for fn in hooks.get_hooks(ARTICLE_CARD_LABELS):
            labels.update(fn(articles=articles))
    cards = []
    for article in articles:
        section = sections.get(article.path[:-steplen])
        cards.append(
            ArticleCard(
                article=article,
                url=article.get_url(request),
                section_title=section.title if section else "",
                section_url=(section.get_url(request) or "") if section else "",
                label=labels.get(article.pk, ""),
            )
        )
    return cards


def home_page_stories(*, home: Page, request) -> dict:
    """Top stories chosen by editors, then the latest, without repeating a story."""
    top_ids = list(home.top_stories.order_by("sort_order").values_list("article_id", flat=True))
    latest = article_list_published(site_root=home)
    top = {a.pk: a for a in latest.filter(pk__in=top_ids)} if top_ids else {}
    top_articles = [top[pk] for pk in top_ids if pk in top]
    if not top_articles:
        # No choice made yet: the newest story leads.
        latest_articles = list(latest[: home.latest_count + 1])
        top_articles, latest_articles = latest_articles[:1], latest_articles[1:]
    else:
        latest_articles = list(latest.exclude(pk__in=top_ids)[: home.latest_count])
    cards = article_cards(articles=[*top_articles, *latest_articles], request=request)
    return {
        "top_stories": cards[: len(top_articles)],
        "latest_stories": cards[len(top_articles) :],
    }


def site_for_request(request) -> Site | None:
    return Site.find_for_request(request)
