"""The site's home page and its sections (News, Business, Sport, ...)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_cards, article_list_for_section, home_page_stories
from newsdesk.core.models import BasePage


class HomePage(BasePage):
    """A site's front page: editors' top stories first, then the latest."""

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "sections.SectionPage",
        "galleries.GalleryIndexPage",
        "discussions.CommentsPolicyPage",
    ]
    template = "sections/home_page.html"

    latest_count = models.PositiveSmallIntegerField(
        default=18, help_text=_("How many of the latest stories follow the top stories.")
    )

    content_panels = [
        FieldPanel("title"),
        InlinePanel("top_stories", heading=_("Top stories"), label=_("Top story"), max_num=6),
        FieldPanel("latest_count"),
    ]

    def route(self, request, path_components):
        """Find a page below this home by its URL path in one query, not one per level.

        Wagtail walks the tree a level at a time (two queries a level); stories sit two
        levels down, so this saves three queries on every article view. Anything not
        found directly (a routable page's sub-route) falls back to Wagtail's walk.
        """
        if path_components:
            target = f"{self.url_path}{'/'.join(path_components)}/"
            parent = target[: target.rstrip("/").rfind("/") + 1]
            found = {
                page.url_path: page
                for page in Page.objects.filter(url_path__in=[target, parent]).filter(
                    path__startswith=self.path
                )
            }
            if target in found:
                page = _specific_for_render(found[target])
                if parent in found:
                    # Treebeard's get_parent() reads this instead of querying again.
                    page._cached_parent_obj = found[parent]
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_stories(home=self, request=request))
        return context


def _specific_for_render(page: Page) -> Page:
    """The page as its own type; a story with its lead picture, which its page, its
    structured data and its sharing tags all show (one query fewer than ``.specific``)."""
    model = page.specific_class
    if model is not None and issubclass(model, ArticlePage):
        return model._default_manager.select_related("lead_image").get(id=page.id)
    return page.specific


class HomePageTopStory(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class SectionPage(BasePage):
    """A section lists its stories, newest first."""

    intro = models.TextField(blank=True, max_length=500)

    parent_page_types = ["sections.HomePage"]
    subpage_types = ["articles.ArticlePage", "liveblogs.LiveBlogPage", "galleries.GalleryPage"]
    template = "sections/section_page.html"

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(article_list_for_section(section=self), per_page=20)
        page = paginator.get_page(request.GET.get("page"))
        context["page_obj"] = page
        context["articles"] = article_cards(articles=page.object_list, request=request)
        return context
