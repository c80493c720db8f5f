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


# No NUL: forms refuse it at input and PostgreSQL cannot store it (the profiles tests cover it).
CONTROLS = "\x08\x0b\x0c\x1b\x7f"


def test_control_characters_in_reader_text_are_stripped_and_the_feed_parses(client, home_page):
    # Django's feed writer refused these with a 500; now the feed is 200 and every item
    # reads as the reader typed it, less the characters XML 1.0 forbids.
    profile = reader("lindiwe", f"Lindi{CONTROLS}we")
    story = submission_save(
        contributor=profile,
        kind="story",
        title=f"Storm{CONTROLS} over Durban",
        body=f"Thunder{CONTROLS} rolled in. {story_text(250)}",
        place="Durban",
        rights_confirmed=True,
        send=True,
    )
    approve(story, editor())
    response = client.get("/feeds/contributions/rss/")
    assert response.status_code == 200
    [item] = ET.fromstring(response.content).iter("item")
    assert item.findtext("title") == "Storm over Durban"
    assert item.findtext("description").startswith("Thunder rolled in.")
    assert not any(ch in response.content.decode() for ch in CONTROLS)


def test_control_characters_in_a_display_name_leave_the_pictures_item_readable(client, home_page):
    profile = reader("sizwe", f"Siz{CONTROLS}we")
    approve(sent_pictures(profile), editor())
    [description] = _descriptions(client)
    assert description == "Pictures by Sizwe."
