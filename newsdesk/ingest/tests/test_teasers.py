"""Teasers (issue #15 follow-up): kept as drafts with their source's link, and once an
editor publishes one, the page ends with "Read the full story at <host>", cacheable like
the rest of the page. RSS, ninjs and NewsML-G2 teasers alike."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.ingest.wire import parse_wire

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
TEASER_URL = "https://herald.example.co.za/politics/2024/03/12/ministers-budget-vote-schools/"
LINK = (
    f'<p class="story__source"><a href="{TEASER_URL}" rel="noopener">'
    "Read the full story at herald.example.co.za</a></p>"
)


def _ingest(path):
    call_command("ingest", str(path), "--section", "world", "--publish", verbosity=0)


def test_a_published_teaser_ends_with_a_cacheable_link_to_the_full_story(section, client):
    _ingest(FIXTURES / "publisher_rss_media.xml")
    teaser = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48207")
    assert not teaser.live and teaser.source_is_teaser
    # The feed's own "Read the full story at ..." words are not kept in the body.
    body = str(teaser.get_latest_revision_as_object().body)
    assert "The education budget grows by 3% this year, less than inflation" in body
    assert "Read the full story" not in body

    teaser.get_latest_revision().publish()  # the editor publishes it
    response = client.get(teaser.url)
    page = response.content.decode()
    body_html = page[page.index('<div class="story__body">') :]
    body_html = body_html[: body_html.index("</div>")]
    assert body_html.rstrip().endswith(LINK)
    assert page.count("Read the full story") == 1
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control and "s-maxage" in cache_control
    assert "Set-Cookie" not in response.headers


def test_a_full_story_with_a_source_link_shows_no_teaser_link(section, client):
    _ingest(FIXTURES / "publisher_rss_media.xml")
    full = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48211")
    assert full.live and full.source_url and not full.source_is_teaser
    assert "Read the full story" not in client.get(full.url).content.decode()


def test_a_ninjs_teaser_is_detected_and_its_link_kept(section, tmp_path):
    item = json.loads((FIXTURES / "iptc_ninjs_2_0_dpa_text.json").read_text())
    url = "https://www.dpa.example/sport/favre-skandal-100.html"
    item["bodies"][0]["value"] = (
        "<p>Für Lucien Favre war es «der größte Skandal im Fußball».</p>"
        f'<p>Den ganzen Artikel lesen: Read the full story at <a href="{url}">dpa</a></p>'
    )
    path = tmp_path / "teaser.json"
    path.write_text(json.dumps(item, ensure_ascii=False))
    parsed = parse_wire(path.read_bytes(), fmt="ninjs").items[0]
    assert parsed.teaser and parsed.source_url == url
    _ingest(path)
    article = ArticlePage.objects.get()
    assert not article.live and article.source_is_teaser and article.source_url == url
    assert article.source_host == "dpa.example"
    assert [b.value.source for b in article.get_latest_revision_as_object().body] == [
        "<p>Für Lucien Favre war es «der größte Skandal im Fußball».</p>",
        "<p>Den ganzen Artikel lesen</p>",
    ]


def test_a_newsml_teaser_is_detected_with_its_canonical_link(section, tmp_path):
    url = "https://wire.example.com/stories/seoul-talks-0042"
    data = (FIXTURES / "wire_newsml.xml").read_bytes()
    data = data.replace(
        b"<p>The allies also discussed",
        b"<p>Continue reading on our site.</p>\n<p>The allies also discussed",
    ).replace(
        b"now planned for 2015.</p>",
        b"now planned for 2015. Read the full story at wire.example.com</p>",
    )
    data = data.replace(b"<edNote>", f'<link rel="irel:canonical" href="{url}"/><edNote>'.encode())
    path = tmp_path / "teaser.xml"
    path.write_bytes(data)
    item = parse_wire(data, fmt="newsml").items[0]
    assert item.teaser and item.source_url == url
    assert item.parsed.body[-1].text.endswith("now planned for 2015.")
    _ingest(path)
    article = ArticlePage.objects.get()
    assert not article.live and article.source_is_teaser and article.source_url == url
