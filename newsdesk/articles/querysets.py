"""QuerySet methods that read like the newsroom: ``ArticlePage.objects.published()``."""

from django.db.models import Prefetch, Q
from wagtail.models import PageManager, PageQuerySet

from newsdesk.core.view_restrictions import page_view_restrictions_exist
from newsdesk.images.models import CustomRendition

# The renditions article cards use; prefetched so a listing costs the same at any size.
CARD_RENDITION_SPECS = ("fill-480x270-c100", "fill-800x450-c100")


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def private_q(self):
        # Wagtail reads every restriction (with its page) on each call; with none on the
        # network its answer is this empty filter, given without the query.
        if not page_view_restrictions_exist():
            return Q(pk__in=[])
        return super().private_q()

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_cards(self):
        """Everything an article card shows, in a fixed number of queries."""
        return (
            self.select_related("lead_image")
            .prefetch_related(
                Prefetch(
                    "lead_image__renditions",
                    queryset=CustomRendition.objects.filter(filter_spec__in=CARD_RENDITION_SPECS),
                )
            )
            .defer("body")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
