"""Security row 15: the contributions feed carries reader text as text, never as HTML.

RSS readers render ``<description>`` as HTML. A reader's story body went there as it
was typed, so markup in it (an ``<img onerror>``, a ``<script>``) became markup in
every subscriber's reader. It is now escaped: what the reader typed is what shows.
"""

import xml.etree.ElementTree as ET

import pytest

from newsdesk.contributions.services import submission_save
from newsdesk.contributions.tests.factories import (
    approve,
    editor,
    reader,
    sent_pictures,
    story_text,
)

pytestmark = pytest.mark.django_db
MARKUP = '<img src="x" onerror="alert(1)"> Tom & Jerry <b>bold</b>'


def _descriptions(client) -> list[str]:
    response = client.get("/feeds/contributions/rss/")
    assert response.status_code == 200
    return [item.findtext("description") for item in ET.fromstring(response.content).iter("item")]


def test_a_readers_story_text_reaches_the_feed_escaped(client, home_page):
    profile = reader()
    story = submission_save(
        contributor=profile,
        kind="story",
        title="Flood in Hammarsdale",
        body=f"{MARKUP} {story_text(250)}",
        place="Hammarsdale",
        rights_confirmed=True,
        send=True,
    )
    approve(story, editor())
    [description] = _descriptions(client)
    # After XML parsing, the description is HTML whose text is what the reader typed.
    assert "<img" not in description and "<b>" not in description
    assert description.startswith("&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;")
    assert "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;" in description


def test_a_readers_display_name_reaches_the_feed_escaped(client, home_page):
    profile = reader("sipho", "<i>Sipho</i> & co")
    approve(sent_pictures(profile), editor())
    [description] = _descriptions(client)
    assert description == "Pictures by &lt;i&gt;Sipho&lt;/i&gt; &amp; co."
