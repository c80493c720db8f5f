"""Published reader contributions as a feed source (``/feeds/contributions/rss/``, also
``atom`` and ``json``), served by distribution through the ``FEED_SOURCES`` hook."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from newsdesk.contributions.selectors import publication_list_for_feed
from newsdesk.core.feeds import FeedItem, FeedSource, absolute_url
from newsdesk.core.text import xml_safe

FEED_TITLE = _("Reader contributions")
FEED_DESCRIPTION = _("Stories and pictures sent by our readers and published by our editors.")


def _item(request, publication) -> FeedItem:
    contributor = publication.contributor
    if publication.article_id:
        url = publication.article.url or "/"
        summary = Truncator(xml_safe(publication.submission.body)).words(60)
    else:
        gallery = reverse("contributions:reader_gallery")
        url = f"{gallery}?{urlencode({'contributor': contributor.username})}"
        summary = f"Pictures by {contributor.shown_name}."
    return FeedItem(
        unique_id=f"contribution-{publication.pk}",
        title=publication.submission.title,
        url=absolute_url(request, url),
        summary=summary,
        published=publication.published_at,
        updated=publication.published_at,
        author=contributor.shown_name,
    )


def feed_source_contributions(request, site) -> FeedSource:
    return FeedSource(
        title=FEED_TITLE,
        link=absolute_url(request, reverse("contributions:reader_gallery")),
        description=FEED_DESCRIPTION,
        items=[_item(request, p) for p in publication_list_for_feed()],
    )
