"""RSS of published reader contributions (``/feeds/contributions/rss/``)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from newsdesk.contributions.selectors import publication_list_for_feed
from newsdesk.core.text import xml_safe


class ContributionsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Reader contributions"
    description = "Stories and pictures sent by our readers and published by our editors."

    def link(self):
        return reverse("contributions:reader_gallery")

    def items(self):
        return publication_list_for_feed()

    # Reader text may hold characters XML 1.0 forbids (a pasted form feed, a stray NUL);
    # Django's feed writer refuses them with a 500, so every reader string loses them.
    def item_title(self, item):
        return xml_safe(item.submission.title)

    def item_description(self, item):
        # RSS readers render <description> as HTML: escape the reader's text so it shows
        # as typed instead of becoming markup (the XML writer escapes once more for XML).
        if item.article_id:
            return escape(Truncator(xml_safe(item.submission.body)).words(60))
        return escape(xml_safe(f"Pictures by {item.contributor.shown_name}."))

    def item_link(self, item):
        if item.article_id:
            return item.article.url or "/"
        return f"{reverse('contributions:reader_gallery')}?contributor={item.contributor.username}"

    def item_guid(self, item):
        return f"contribution-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return xml_safe(item.contributor.shown_name)

    def item_author_link(self, item):
        return item.contributor.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at
