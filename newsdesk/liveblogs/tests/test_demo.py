"""The demo's live blogs: one per site, eight entries, two key events, one pinned."""

import pytest

from newsdesk.liveblogs.demo import live_blogs_demo_load
from newsdesk.sections.tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def test_each_demo_site_gets_a_live_blog_with_key_events_and_a_pin(home_page):
    SectionPageFactory(parent=home_page, title="Business", slug="business")
    SectionPageFactory(parent=home_page, title="Rugby", slug="rugby")
    blogs = live_blogs_demo_load()
    assert len(blogs) == 2
    for blog in blogs:
        entries = list(blog.entries.all())
        assert len(entries) == 8
        assert sum(e.is_key_event for e in entries) == 2
        assert sum(e.is_pinned for e in entries) == 1
        assert blog.live and blog.is_live
        assert home_page.top_stories.filter(article_id=blog.pk).exists()
