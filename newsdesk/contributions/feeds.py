"""RSS of published reader contributions (``/feeds/contributions/rss/``)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from newsdesk.contributions.selectors import publication_list_for_feed


class ContributionsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Reader contributions"
    description = "Stories and pictures sent by our readers and published by our editors."

    def link(self):
        return reverse("contributions:reader_gallery")

    def items(self):
        return publication_list_for_feed()

    def item_title(self, item):
        return item.submission.title

    def item_description(self, item):
        # RSS readers render <description> as HTML: escape the reader's text so it shows
        # as typed instead of becoming markup (the XML writer escapes once more for XML).
        if item.article_id:
            return escape(Truncator(item.submission.body).words(60))
        return escape(f"Pictures by {item.contributor.shown_name}.")

    def item_link(self, item):
        if item.article_id:
            return item.article.url or "/"
        return f"{reverse('contributions:reader_gallery')}?contributor={item.contributor.username}"

    def item_guid(self, item):
        return f"contribution-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.contributor.shown_name

    def item_author_link(self, item):
        return item.contributor.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at
