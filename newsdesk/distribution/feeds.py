"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for any feed source (site, section, tag, ...).

One :class:`SourceFeed` serves every source registered in ``selectors.FEED_SOURCES`` in
every format: the source decides *what* is listed, the feed type only *how*.
"""

from __future__ import annotations

import json

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from newsdesk.core.text import xml_safe
from newsdesk.distribution.selectors import FeedItem, FeedSource, feed_source_get
from newsdesk.network.selectors import site_absolute_url


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from Django's feed generator API."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = self.feed
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self._item(item) for item in self.items],
        }
        outfile.write(json.dumps(document, ensure_ascii=False, indent=1).encode(encoding))

    @staticmethod
    def _item(item) -> dict:
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "content_text": item["description"] or item["title"],
        }
        if item.get("language"):
            entry["language"] = item["language"]
        if item["description"]:
            entry["summary"] = item["description"]
        if item["pubdate"]:
            entry["date_published"] = item["pubdate"].isoformat()
        if item["updateddate"]:
            entry["date_modified"] = item["updateddate"].isoformat()
        if item["author_name"]:
            entry["authors"] = [{"name": item["author_name"]}]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        if item["enclosures"]:
            entry["image"] = item["enclosures"][0].url
        return entry


class SourceFeed(Feed):
    """A feed of one registered source in one format (``feed_type``).

    It keeps the request and source on the instance, so make one per request
    (:func:`feed_view` does).
    """

    source_name = "site"

    def __init__(self, *, source_name: str, feed_type: type[SyndicationFeed]):
        super().__init__()
        self.source_name = source_name
        self.feed_type = feed_type

    def get_object(self, request, **kwargs) -> FeedSource:
        source = feed_source_get(name=self.source_name, request=request, **kwargs)
        if source is None:
            raise Http404("No such feed.")
        self.request = request
        self.language = source.language
        self.publisher = xml_safe(source.publisher or source.title)
        return source

    def title(self, source: FeedSource) -> str:
        return xml_safe(source.title)

    def link(self, source: FeedSource) -> str:
        return source.link

    def description(self, source: FeedSource) -> str:
        return xml_safe(source.description)

    def subtitle(self, source: FeedSource) -> str:
        return xml_safe(source.description)

    def feed_url(self, source: FeedSource) -> str:
        return site_absolute_url(request=self.request, url=self.request.path)

    def feed_guid(self, source: FeedSource) -> str:
        return self.feed_url(source)

    def items(self, source: FeedSource) -> list[FeedItem]:
        return source.items

    def item_title(self, item: FeedItem) -> str:
        return xml_safe(item.title)

    def item_description(self, item: FeedItem) -> str:
        summary = xml_safe(item.summary)
        if self.feed_type is JsonFeed:
            return summary  # JSON Feed's summary and content_text are plain text
        # RSS <description> and Atom <summary type="html"> are HTML to a feed reader, and a
        # summary is text (a standfirst, a reader's story): escape it so it shows as typed.
        return escape(summary)

    def item_link(self, item: FeedItem) -> str:
        return item.url

    def item_guid(self, item: FeedItem) -> str:
        return item.unique_id

    def item_guid_is_permalink(self, item: FeedItem) -> bool:
        # A story's id is its URL; other sources (reader contributions) use opaque ids.
        return item.unique_id.startswith(("http://", "https://"))

    def author_name(self, source: FeedSource) -> str:
        return self.publisher

    def item_author_name(self, item: FeedItem) -> str:
        return xml_safe(item.author) or self.publisher

    def item_pubdate(self, item: FeedItem):
        return item.published

    def item_updateddate(self, item: FeedItem):
        return item.updated

    def item_categories(self, item: FeedItem) -> list[str]:
        return [xml_safe(name) for name in item.categories]

    def item_extra_kwargs(self, item: FeedItem) -> dict:
        return {"language": item.language}

    def item_enclosures(self, item: FeedItem) -> list[Enclosure]:
        if item.image is None:
            return []
        return [Enclosure(item.image.url, str(item.image.length), item.image.mime_type)]


class LanguageRssFeed(Rss201rev2Feed):
    """RSS 2.0 with each item's own language as ``dc:language`` (RSS has only the
    channel's)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("language"):
            handler.addQuickElement("dc:language", item["language"])


class LanguageAtomFeed(Atom1Feed):
    """Atom with each entry's own language as ``xml:lang``."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes = {**attributes, "xml:lang": item["language"]}
        return attributes


FEED_TYPES = {"rss": LanguageRssFeed, "atom": LanguageAtomFeed, "json": JsonFeed}


def feed_view(request, *, source_name: str, fmt: str, **kwargs):
    feed_type = FEED_TYPES.get(fmt)
    if feed_type is None:
        raise Http404("No such feed format.")
    return SourceFeed(source_name=source_name, feed_type=feed_type)(request, **kwargs)
