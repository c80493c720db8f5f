"""Media RSS captions (``media:description``) become the lead image's caption, and never
the story's text (issue #15 follow-up)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.images.tests.factories import jpeg_bytes
from newsdesk.ingest.wire import parse_wire

FIXTURES = Path(__file__).parent / "fixtures"
CAPTION = "Councillors in the Mbombela council chamber on Monday."

# Shaped like WordPress and agency feeds: the description sits in media:content, in a
# media:group beside it, or in the item beside a media:thumbnail, typed plain or html.
FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Herald</title><link>https://herald.example.co.za/</link>
<description>News</description>
<item><title>In content</title><guid>a</guid><description>The story in one line.</description>
<media:content url="https://e.example.com/a.jpg" medium="image">
<media:description type="plain">A longer caption that would win as the body</media:description>
</media:content></item>
<item><title>In a group</title><guid>b</guid><description>The story in one line.</description>
<media:group><media:content url="https://e.example.com/b.jpg" medium="image"/>
<media:description>Caption in a group</media:description></media:group></item>
<item><title>Beside a thumbnail</title><guid>c</guid>
<description>The story in one line.</description>
<media:thumbnail url="https://e.example.com/c.jpg"/>
<media:description type="html">Caption &lt;b&gt;in&lt;/b&gt; HTML &amp;#8217;s</media:description>
</item>
</channel></rss>"""


def test_the_media_description_is_the_lead_photos_caption():
    items = parse_wire((FIXTURES / "publisher_rss_media.xml").read_bytes(), fmt="rss").items
    assert items[0].image_caption == CAPTION
    assert items[0].parsed.caption == CAPTION
    assert items[1].image_caption == ""  # a thumbnail without a description


def test_a_media_description_anywhere_in_the_item_captions_its_photo_not_its_body():
    items = parse_wire(FEED, fmt="rss").items
    assert [item.image_caption for item in items] == [
        "A longer caption that would win as the body",
        "Caption in a group",
        "Caption in HTML \u2019s",
    ]
    for item in items:
        assert [block.text for block in item.parsed.body] == ["The story in one line."]


@pytest.mark.django_db
def test_the_caption_is_stored_and_shown_under_the_lead_image(section, wire_http, client):
    url = "https://herald.example.co.za/wp-content/uploads/2024/03/council-chamber.jpg"
    wire_http.get(url, body=jpeg_bytes(400, 300), content_type="image/jpeg")
    call_command(
        "ingest",
        str(FIXTURES / "publisher_rss_media.xml"),
        "--section",
        "world",
        "--publish",
        verbosity=0,
    )
    article = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48211")
    assert article.lead_image_caption == CAPTION
    page = client.get(article.url).content.decode()
    assert f'<span class="caption">{CAPTION}</span>' in page
