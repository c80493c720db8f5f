"""The wire readers on hand-written samples of the public formats (no database)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.ingest.wire import WireFeedError, detect_format, parse_wire
from newsdesk.ingest.wire.body import blocks_from_html

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("wire_rss.xml", "rss"),
        ("wire_atom.xml", "rss"),
        ("wire_ninjs.json", "ninjs"),
        ("wire_newsml.xml", "newsml"),
        ("rss2sample.xml", "rss"),
        ("iptc_ninjs_2_0_dpa_text.json", "ninjs"),
        ("iptc_ninjs_1_4_medium_text.json", "ninjs"),
        ("iptc_newsml_g2_listing_2.xml", "newsml"),
    ],
)
def test_format_is_detected_from_the_document(name, fmt):
    assert detect_format(_read(name)) == fmt


def test_rss_items_carry_id_headline_time_dateline_body_tags_and_byline():
    batch = parse_wire(_read("wire_rss.xml"), fmt="auto")
    assert not batch.errors
    first = batch.items[0]
    assert first.source_id == "urn:example-wire:story:2013-10-03:us-japan-0981"
    assert first.parsed.headline == "US, Japan agree to expand security alliance"
    assert first.parsed.published == datetime(2013, 10, 3, 8, 7, tzinfo=UTC)
    assert first.parsed.dateline == "Tokyo"
    assert first.parsed.body[0].text.startswith("The United States and Japan agreed")
    assert ("subheading", "Political sustainability") in [
        (b.type, b.text) for b in first.parsed.body
    ]
    assert first.parsed.tags == ("japan", "united states", "defence")
    assert first.byline == "Martin Abbugao"
    assert first.summary.startswith("The United States and Japan agreed on Thursday")
    assert len(batch.items) == 3


def test_ninjs_2_item_is_read_with_its_roles():
    (item,) = parse_wire(_read("wire_ninjs.json"), fmt="ninjs").items
    assert item.source_id.endswith("tokyo-olympics-venues-0012")
    assert item.parsed.headline == "Tokyo unveils revised plan for 2020 Olympic venues"
    assert item.parsed.dateline == "Tokyo"
    assert item.parsed.published == datetime(2013, 10, 3, 7, 12, tzinfo=UTC)
    assert item.summary == "Organisers cut costs by moving three events into existing arenas."
    assert item.byline == "Kyoko Hasegawa" and item.agency == "Example Wire"
    assert ("subheading", "Compact Games") in [(b.type, b.text) for b in item.parsed.body]
    assert (
        "olympic games" in item.parsed.tags
        and "international olympic committee" in item.parsed.tags
    )


def test_ninjs_1_names_are_read_too():
    data = (
        b'{"uri": "urn:x:1", "headline": "Old style", "body_html": "<p>One.</p><p>Two.</p>",'
        b' "byline": "A. Writer", "subject": [{"name": "Topic"}]}'
    )
    (item,) = parse_wire(data, fmt="ninjs").items
    assert item.parsed.headline == "Old style"
    assert [b.text for b in item.parsed.body] == ["One.", "Two."]
    assert item.byline == "A. Writer" and item.parsed.tags == ("topic",)


def test_ninjs_1_properties_named_for_their_format_are_read():
    """1.x has ``body_*``/``description_*`` for any format: HTML wins, XML is not text."""
    data = (
        b'{"uri": "urn:x:2", "headline": "H", "body_text": "One. Two.",'
        b' "body_xhtml": "<p>One.</p><p>Two.</p>", "body_nitf": "<nitf>Raw</nitf>",'
        b' "description_html": "<p>The <b>gist</b>.</p>", "contentcreated": "2013-07-09T10:37:00Z",'
        b' "versioncreated": "2013-07-10T08:00:00Z"}'
    )
    (item,) = parse_wire(data, fmt="ninjs").items
    assert [b.text for b in item.parsed.body] == ["One.", "Two."]
    assert item.summary == "The gist."
    assert item.parsed.published == datetime(2013, 7, 9, 10, 37, tzinfo=UTC)
    only_xml = b'{"uri": "urn:x:3", "headline": "H", "body_nitf": "<nitf>Raw</nitf>"}'
    assert parse_wire(only_xml, fmt="ninjs").errors[0].reason == "body: the item has no body"


def test_ninjs_2_bodies_other_than_html_or_plain_text_are_not_read_as_text():
    data = (
        b'{"uri": "urn:x:4", "headlines": [{"value": "H"}], "bodies": ['
        b'{"role": "nitf", "contenttype": "application/xml", "value": "<TTNITF>Raw</TTNITF>"},'
        b'{"role": "text", "contenttype": "text/plain", "value": "Plain one.\\n\\nPlain two."}],'
        b' "descriptions": [{"role": "summary", "contenttype": "text/html",'
        b' "value": "<p>Sum <i>up</i>.</p>"}]}'
    )
    (item,) = parse_wire(data, fmt="ninjs").items
    assert [b.text for b in item.parsed.body] == ["Plain one.", "Plain two."]
    assert item.summary == "Sum up."


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("writer@example.com (Writer)", "Writer"),
        ("lawyer@boyer.net", ""),
        ("Jane Doe", "Jane Doe"),
    ],
)
def test_an_rss_author_address_is_never_a_byline(author, byline):
    data = (
        f'<rss version="2.0"><channel><title>T</title><item><title>H</title>'
        f"<guid>urn:x:5</guid><author>{author}</author><description>Text.</description>"
        f"</item></channel></rss>"
    ).encode()
    (item,) = parse_wire(data, fmt="rss").items
    assert item.byline == byline


def test_newsml_g2_item_is_read():
    (item,) = parse_wire(_read("wire_newsml.xml"), fmt="newsml").items
    assert item.source_id == "urn:newsml:wire.example.com:20131003:seoul-talks-0042"
    assert item.parsed.headline == "South Korea, US sign pact on deterring North's nuclear threat"
    assert item.parsed.dateline == "Seoul"
    assert item.byline == "Jack Kim" and item.agency == "Example Wire"
    assert item.parsed.published == datetime(2013, 10, 3, 9, 30, tzinfo=UTC)
    assert len(item.parsed.body) == 4
    assert item.parsed.tags == ("politics", "south korea", "chuck hagel", "alliance")


def test_newsml_external_entities_are_not_resolved():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x">'
        b"<contentMeta><headline>&xxe;Head</headline></contentMeta><contentSet><inlineXML>"
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Text.</p></body></html>'
        b"</inlineXML></contentSet></newsItem>"
    )
    (item,) = parse_wire(data, fmt="newsml").items
    assert "root:" not in item.parsed.headline


def test_unreadable_documents_raise_with_the_reason():
    with pytest.raises(WireFeedError, match="unknown format"):
        parse_wire(b"<?xml version='1.0'?><catalog><book/></catalog>", fmt="auto")
    with pytest.raises(WireFeedError, match="the feed is not well-formed XML"):
        parse_wire(_read("broken_feed.xml"), fmt="rss")
    with pytest.raises(WireFeedError, match="not valid JSON"):
        parse_wire(b"{nope", fmt="ninjs")
    with pytest.raises(WireFeedError, match="not well-formed XML"):
        parse_wire(b"<newsItem", fmt="newsml")


def test_bad_items_are_reported_and_good_ones_kept():
    data = (
        b'{"items": [{"uri": "urn:a", "headline": "Fine", "body_text": "Text."},'
        b' {"headline": "No id"}, {"uri": "urn:c", "headline": "", "body_text": "x"}]}'
    )
    batch = parse_wire(data, fmt="ninjs")
    assert [i.source_id for i in batch.items] == ["urn:a"]
    assert [(e.position, e.reason) for e in batch.errors] == [
        (2, "uri: required but missing (ninjs 1.x schema)"),
        (3, "headline: the item has no headline"),
    ]


def test_html_bodies_lose_markup_and_media_but_keep_text():
    blocks = blocks_from_html(
        '<div><p>Before <img src="x.jpg"> after <script>alert(1)</script>end.</p>'
        "<figure><img src=y></figure><h2>Sub</h2><ul><li>Item</li></ul></div>"
    )
    assert [(b.type, b.text) for b in blocks] == [
        ("paragraph", "Before after end."),
        ("subheading", "Sub"),
        ("paragraph", "Item"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GROSSETO, Italy (AP) -- The trial began.", ("GROSSETO, Italy", "AP", "The trial began.")),
        ("LONDON (Reuters) - Shares fell.", ("LONDON", "Reuters", "Shares fell.")),
        ("Durban – Heavy rain is expected.", ("Durban", "", "Heavy rain is expected.")),
        ("The council (in full) - voted.", None),  # not capitalised words: no dateline
        ("Shares (fell) sharply -- again.", None),
    ],
)
def test_agency_datelines_give_place_credit_and_text(text, expected):
    from newsdesk.ingest.page_text import split_credited_dateline

    assert split_credited_dateline(text) == expected
