"""Distribution's own feed sources: the site, a section, a tag."""

from wagtail import hooks

from newsdesk.core.hooks import FEED_SOURCES
from newsdesk.distribution.selectors import (
    feed_source_author,
    feed_source_section,
    feed_source_site,
    feed_source_tag,
)


@hooks.register(FEED_SOURCES)
def distribution_feed_sources():
    return {
        "site": feed_source_site,
        "author": feed_source_author,
        "section": feed_source_section,
        "tag": feed_source_tag,
    }
