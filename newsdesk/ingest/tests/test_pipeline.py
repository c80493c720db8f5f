"""The ingest pipeline against the failures of issue #15, one test (or more) per failure,
each on a real-shaped sample: a publisher's WordPress RSS with Media RSS photos, a
portal's Atom feed with type="html" text and figure credits, an agency's NewsML-G2
newsMessage, and the IPTC's own ninjs and NewsML-G2 examples."""

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.images.tests.factories import jpeg_bytes
from newsdesk.ingest.models import Decision, IngestDecision, IngestRun, IngestSource
from newsdesk.ingest.wire import parse_wire
from newsdesk.ingest.wire_services import ingest_source_run

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
FEEDS = [
    "rss2sample.xml",
    "wire_rss.xml",
    "wire_atom.xml",
    "publisher_rss_media.xml",
    "portal_atom_figures.xml",
    "wire_ninjs.json",
    "iptc_ninjs_1_4_medium_text.json",
    "iptc_ninjs_2_0_dpa_text.json",
    "wire_newsml.xml",
    "iptc_newsml_g2_listing_2.xml",
    "agency_newsml_icls_text.xml",
]
DPA = "iptc_ninjs_2_0_dpa_text.json"


def _ingest(path, *args):
    call_command("ingest", str(path), "--section", "world", *args, verbosity=0)


def _dpa(tmp_path, name="dpa.json", **changes) -> Path:
    """The IPTC's dpa ninjs 2.0 example with some of its properties changed."""
    item = json.loads((FIXTURES / DPA).read_text())
    item.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(item, ensure_ascii=False))
    return path


# 1. A feed that is not well-formed stores nothing, unless read leniently.


@pytest.mark.parametrize("fraction", [0.5, 0.9])
@pytest.mark.parametrize("name", FEEDS)
def test_a_truncated_copy_of_every_fixture_stores_nothing_and_fails(
    section, tmp_path, name, fraction
):
    data = (FIXTURES / name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(CommandError, match=r"not imported: .*(not well-formed|not valid JSON)"):
        _ingest(cut, "--publish")
    assert not ArticlePage.objects.exists()
    run = IngestRun.objects.get()
    assert run.failed and run.summary.startswith("failed: ")


def test_a_truncated_feed_leaves_live_stories_alone(section, tmp_path):
    _ingest(FIXTURES / "portal_atom_figures.xml", "--publish")
    before = {a.source_id: a.latest_revision_id for a in ArticlePage.objects.all()}
    data = (FIXTURES / "portal_atom_figures.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"Die Anlage soll")])
    with pytest.raises(CommandError, match="the feed is not well-formed XML"):
        _ingest(cut, "--publish")
    after = {a.source_id: a.latest_revision_id for a in ArticlePage.objects.all()}
    assert after == before


def test_lenient_mode_reads_what_it_can_and_warns(section, tmp_path, capsys):
    data = (FIXTURES / "publisher_rss_media.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"<title>Minister")])
    # The item cut short is reported; the whole one arrives.
    with pytest.raises(CommandError, match=r"1 of 2 item\(s\) could not be imported"):
        _ingest(cut, "--lenient")
    assert ArticlePage.objects.count() == 1
    assert "warning: read leniently although not well-formed" in capsys.readouterr().err


def test_a_source_set_to_lenient_reads_a_truncated_feed(section, wire_http):
    url = "https://herald.example.co.za/feed/"
    data = (FIXTURES / "publisher_rss_media.xml").read_bytes()
    wire_http.get(url, body=data[: data.index(b"<title>Minister")])
    source = IngestSource.objects.create(
        name="Herald", slug="herald", url=url, format="rss", section=section
    )
    assert ingest_source_run(source=source).failed
    IngestSource.objects.filter(pk=source.pk).update(lenient=True)
    source.refresh_from_db()
    report = ingest_source_run(source=source)
    assert not report.failed and report.created == 1


# 2. Embargoes are scheduled, never published earlier; killed items are unpublished.


def test_an_embargoed_ninjs_item_is_scheduled_not_live(section, tmp_path):
    _ingest(_dpa(tmp_path, embargoed="2099-01-01T06:00:00+01:00"), "--publish")
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.go_live_at == datetime(2099, 1, 1, 5, 0, tzinfo=UTC)
    assert article.scheduled_revision is not None
    assert IngestDecision.objects.get().decision == Decision.EMBARGOED
    # Again: still waiting, no new revision, and still not live.
    revisions = article.revisions.count()
    _ingest(_dpa(tmp_path, embargoed="2099-01-01T06:00:00+01:00"), "--publish")
    article.refresh_from_db()
    assert not article.live and article.revisions.count() == revisions


def test_an_embargo_in_the_past_publishes_at_once(section, tmp_path):
    _ingest(_dpa(tmp_path, embargoed="2019-05-10T16:30:00+02:00"), "--publish")
    assert ArticlePage.objects.get().live


def test_an_embargoed_newsml_item_is_scheduled_not_live(section):
    _ingest(FIXTURES / "agency_newsml_icls_text.xml", "--publish")
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.go_live_at == datetime(2099, 10, 3, 10, 0, tzinfo=UTC)


def test_a_withheld_newsml_item_unpublishes_its_story(section, tmp_path):
    data = (FIXTURES / "wire_newsml.xml").read_bytes()
    _ingest(FIXTURES / "wire_newsml.xml", "--publish")
    assert ArticlePage.objects.get().live
    withheld = tmp_path / "withheld.xml"
    withheld.write_bytes(data.replace(b'qcode="stat:usable"', b'qcode="stat:withheld"'))
    assert b"stat:withheld" in withheld.read_bytes()
    _ingest(withheld, "--publish")
    assert not ArticlePage.objects.get().live
    assert IngestDecision.objects.filter(decision=Decision.KILLED).count() == 1


# 3. An older version never overwrites a newer one.


def test_an_older_ninjs_version_never_wins(section, tmp_path, capsys):
    _ingest(_dpa(tmp_path, "v3.json", version="3", headlines=[{"value": "Version drei"}]))
    _ingest(_dpa(tmp_path, "v2.json", version="2", headlines=[{"value": "Version zwei"}]))
    article = ArticlePage.objects.get()
    assert article.get_latest_revision_as_object().title == "Version drei"
    older = IngestDecision.objects.get(decision=Decision.OLDER)
    assert older.reason == "version 2 is older than version 3 already stored"
    call_command("ingest", str(tmp_path / "v2.json"), "--section", "world")
    assert "0 created, 0 updated, 0 unchanged, 1 older version(s) ignored" in (
        capsys.readouterr().out
    )


def test_without_numbers_the_version_time_decides(section, tmp_path):
    newer = {"version": "", "versioncreated": "2019-05-10T18:00:00+02:00"}
    _ingest(_dpa(tmp_path, "new.json", headlines=[{"value": "Später"}], **newer))
    older = {"version": "", "versioncreated": "2019-05-10T17:00:00+02:00"}
    _ingest(_dpa(tmp_path, "old.json", headlines=[{"value": "Früher"}], **older))
    assert ArticlePage.objects.get().get_latest_revision_as_object().title == "Später"


# 4. Publication state counts as a change; an unchanged draft gains no revision.


def test_a_draft_imported_again_with_publish_goes_live(section):
    _ingest(FIXTURES / "wire_ninjs.json")
    assert not ArticlePage.objects.get().live
    _ingest(FIXTURES / "wire_ninjs.json", "--publish")
    assert ArticlePage.objects.get().live


def test_reimporting_a_tagged_draft_adds_no_revision(section):
    _ingest(FIXTURES / "iptc_ninjs_1_4_medium_text.json")
    article = ArticlePage.objects.get()
    revisions = article.revisions.count()
    for _ in range(2):
        _ingest(FIXTURES / "iptc_ninjs_1_4_medium_text.json")
    assert article.revisions.count() == revisions
    assert IngestDecision.objects.filter(decision=Decision.UNCHANGED).count() == 2


# 5. NewsML-G2 text items of class icls:text, read as their agency writes them.


def test_an_agencys_icls_text_newsml_item_is_read_whole(section):
    (item,) = parse_wire((FIXTURES / "agency_newsml_icls_text.xml").read_bytes(), fmt="auto").items
    assert item.parsed.headline == "Regierung einigt sich auf Budgetrahmen"
    assert item.parsed.dateline == "Wien"  # <located literal="Wien"/>
    assert item.agency == "Austria Presse Agentur Example"
    assert [b.text for b in item.parsed.body] == [
        "Die Bundesregierung hat sich am Donnerstag auf den Budgetrahmen für das kommende "
        "Jahr geeinigt.",
        "Das Defizit soll 2025 unter drei Prozent der Wirtschaftsleistung sinken, hieß es "
        "nach dem Ministerrat.",
        'Die Opposition kritisierte die Einigung als "Rechentrick".',
    ]
    assert item.summary == "Defizit soll 2025 unter drei Prozent sinken"  # the subheadline
    assert item.version == "1" and item.language == "de-AT"


# 6. Character references are decoded once and never reach readers.


def test_entities_in_rss_and_atom_text_are_decoded_once(section):
    rss = parse_wire((FIXTURES / "publisher_rss_media.xml").read_bytes(), fmt="rss").items
    assert rss[0].summary.endswith("the mayor said of the bill.” […]")
    assert rss[1].parsed.headline == "Minister’s budget vote: what it means for schools"
    atom = parse_wire((FIXTURES / "portal_atom_figures.xml").read_bytes(), fmt="rss").items
    assert atom[0].parsed.headline == "Apple’s neues Rechenzentrum in Dänemark"
    assert atom[0].summary == "Der Konzern investiert „mehrere Milliarden“."
    # Atom says what each text is: text is taken as it is, HTML decoded exactly once.
    once = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>f</id>'
    once += b'<entry><id>e1</id><title type="text">AT&amp;amp;T</title><content>x</content></entry>'
    once += b'<entry><id>e2</id><title type="html">AT&amp;amp;amp;T &amp;lt;b&amp;gt;</title>'
    once += b"<content>x</content></entry></feed>"
    text, html = parse_wire(once, fmt="rss").items
    assert text.parsed.headline == "AT&amp;T"
    assert html.parsed.headline == "AT&amp;T <b>"


# 7. Lead photos from Media RSS, Atom figures and ninjs associations.


def test_lead_photos_are_read_with_caption_and_credit():
    rss = parse_wire((FIXTURES / "publisher_rss_media.xml").read_bytes(), fmt="rss").items
    assert rss[0].image_url.endswith("/council-chamber.jpg")  # media:content
    assert rss[0].image_credit == "Sipho Dlamini"
    assert rss[1].image_url.endswith("/classroom-150x150.jpg")  # media:thumbnail only
    atom = parse_wire((FIXTURES / "portal_atom_figures.xml").read_bytes(), fmt="rss").items
    assert (atom[0].image_caption, atom[0].image_credit) == (
        "Das Rechenzentrum in Viborg.",
        "dpa / Bo Amstrup",  # data-portal-copyright
    )
    assert (atom[1].image_caption, atom[1].image_credit) == (
        "Die Fabrik in Dresden.",
        "Robert Michael",  # the figcaption's credit, without its "Foto:" label
    )


def test_a_ninjs_graphic_association_is_a_lead_photo():
    item = json.loads((FIXTURES / DPA).read_text())
    item["associations"] = [
        {
            "name": "grafik",
            "type": "graphic",
            "uri": "urn:newsml:dpa.com:20090101:190510-99-167362-grafik",
            "headlines": [{"value": "Der Elfmeter in der Grafik"}],
            "copyrightholder": "dpa-infografik",
            "renditions": [
                {"name": "small", "href": "https://dpa.example.com/g-small.png", "width": 320},
                {
                    "name": "large",
                    "href": "https://dpa.example.com/g-large.png",
                    "width": 1280,
                    "height": 720,
                },
            ],
        }
    ]
    (parsed,) = parse_wire(json.dumps(item).encode(), fmt="ninjs").items
    assert parsed.image_url == "https://dpa.example.com/g-large.png"
    assert (parsed.image_caption, parsed.image_credit) == (
        "Der Elfmeter in der Grafik",
        "dpa-infografik",
    )


def test_without_network_the_photo_fails_with_a_warning_and_the_story_arrives(section, capsys):
    _ingest(FIXTURES / "publisher_rss_media.xml", "--publish")
    assert ArticlePage.objects.count() == 2
    assert "photo not imported" in capsys.readouterr().err


def test_a_media_rss_photo_becomes_the_lead_image(section, wire_http):
    url = "https://herald.example.co.za/wp-content/uploads/2024/03/council-chamber.jpg"
    wire_http.get(url, body=jpeg_bytes(400, 300), content_type="image/jpeg")
    _ingest(FIXTURES / "publisher_rss_media.xml", "--publish")
    article = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48211")
    assert article.lead_image is not None and article.credit == "Sipho Dlamini"


# 8. Teasers are not published as full stories; the source link is kept.


def test_a_teaser_is_kept_as_a_draft_with_its_link(section):
    _ingest(FIXTURES / "publisher_rss_media.xml", "--publish")
    teaser = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48207")
    assert not teaser.live
    assert teaser.source_url.endswith("/ministers-budget-vote-schools/")
    decision = IngestDecision.objects.get(item_id=teaser.source_id)
    assert "only a teaser of the story at https://herald.example.co.za/" in decision.reason
    full = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48211")
    assert full.live and full.source_url.endswith("/council-votes-down-water-tariff-bill/")


def test_links_and_emphasis_are_kept_as_safe_inline_markup(section, client):
    _ingest(FIXTURES / "publisher_rss_media.xml", "--publish")
    article = ArticlePage.objects.get(source_id="https://herald.example.co.za/?p=48211")
    paragraphs = [b["value"] for b in article.body.get_prep_value()]
    # The dateline is taken off the first paragraph and its emphasis stays.
    assert article.dateline == "Mbombela"
    assert paragraphs[0].startswith("<p>The city council on Monday")
    assert "failed <i>four times</i> this year" in paragraphs[0]
    assert '<a href="https://herald.example.co.za/tag/water/">tariff bill</a>' in paragraphs[1]
    page = client.get(article.url).content.decode()
    assert "failed <i>four times</i> this year" in page


def test_unsafe_markup_is_reduced_to_text():
    content = (
        '<p>Hi <a href="javascript:alert(1)" onclick="x()">there</a> <script>bad()</script>'
        '<span style="color:red">red</span> <img src=x onerror=alert(1)> '
        '<a href="https://example.com/" target="_blank">ok</a></p>'
    )
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>f</id><entry>'
        '<id>e</id><title>T</title><content type="html">'
        + content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</content></entry></feed>"
    )
    (item,) = parse_wire(feed.encode(), fmt="rss").items
    assert item.parsed.body[0].markup == 'Hi <a>there</a> red <a href="https://example.com/">ok</a>'


# 9. Each story's language is stored.


@pytest.mark.parametrize(
    ("name", "language"),
    [
        (DPA, "de"),  # ninjs language
        ("portal_atom_figures.xml", "de"),  # xml:lang
        ("publisher_rss_media.xml", "en-ZA"),  # RSS <language>
        ("agency_newsml_icls_text.xml", "de-AT"),  # contentMeta/language
    ],
)
def test_each_storys_language_is_stored(section, name, language):
    call_command("ingest", str(FIXTURES / name), "--section", "world", verbosity=0)
    assert set(ArticlePage.objects.values_list("language", flat=True)) == {language}


# 10. Agency named only at channel level or as copyright holder.


def test_agency_comes_from_the_channel_or_the_copyright_holder():
    rss = parse_wire((FIXTURES / "publisher_rss_media.xml").read_bytes(), fmt="rss").items
    assert {item.agency for item in rss} == {"Highveld Herald Media"}  # <copyright>
    (dpa,) = parse_wire((FIXTURES / DPA).read_bytes(), fmt="ninjs").items
    assert dpa.agency == "dpa"  # copyrightholder
    atom = parse_wire((FIXTURES / "wire_atom.xml").read_bytes(), fmt="rss").items
    assert atom[0].agency == "Example Wire"  # the feed's <author>


# 11. Wrong-typed ninjs fields are refused with the field's name.


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"headlines": [{"value": {"x": 1}}]},
            "headlines[0].value: {'x': 1} is not of type 'string'",
        ),
        ({"by": ["Jane Doe", "John Roe"]}, "by: ['Jane Doe', 'John Roe'] is not of type 'string'"),
        ({"version": 3}, "version: 3 is not of type 'string'"),
        ({"pubstatus": "killed"}, "pubstatus: 'killed' is not one of"),
        ({"uri": None}, "uri: None is not of type 'string'"),
    ],
)
def test_a_wrong_typed_ninjs_field_is_named(change, message):
    item = json.loads((FIXTURES / DPA).read_text())
    item.update(change)
    batch = parse_wire(json.dumps(item).encode(), fmt="ninjs")
    assert not batch.items
    assert message in batch.errors[0].reason and "(ninjs 2.x schema)" in batch.errors[0].reason


def test_a_wrong_typed_ninjs_1_field_is_named():
    item = json.loads((FIXTURES / "iptc_ninjs_1_4_medium_text.json").read_text())
    item["headline"] = 42
    (error,) = parse_wire(json.dumps(item).encode(), fmt="ninjs").errors
    assert error.reason == "headline: 42 is not of type 'string' (ninjs 1.x schema)"


# 12. The command line: exit codes, times, progress and messages.


def test_a_dry_run_with_failed_items_exits_non_zero(section, capsys):
    with pytest.raises(CommandError, match=r"1 of 4 item\(s\) could not be read"):
        call_command("ingest", str(FIXTURES / "rss2sample.xml"), "--dry-run")
    assert not ArticlePage.objects.exists()
    assert len(capsys.readouterr().out.splitlines()) == 3


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("rss2sample.xml", "2003-06-03T09:39:21+00:00"),
        (DPA, "2019-05-10T14:02:28+00:00"),  # written 16:02:28+02:00
        ("agency_newsml_icls_text.xml", "2024-10-03T05:55:00+00:00"),  # 07:55+02:00
    ],
)
def test_a_dry_run_prints_every_time_in_utc_with_its_offset(name, published, capsys):
    with contextlib.suppress(CommandError):  # rss2sample has an item without a title
        call_command("ingest", str(FIXTURES / name), "--dry-run")
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["published"] == published


def test_progress_counts_every_item_of_the_document(section, capsys):
    with pytest.raises(CommandError, match=r"1 of 4 item\(s\) could not be imported"):
        call_command("ingest", str(FIXTURES / "rss2sample.xml"), "--section", "world")
    out = capsys.readouterr().out
    assert "[2/4] failed:" in out and "[4/4] created: Astronauts' Dirty Laundry" in out
    assert "/3]" not in out


def test_one_failed_item_of_one_says_so(section, tmp_path):
    path = _dpa(tmp_path, headlines=[{"value": ""}])
    with pytest.raises(CommandError) as raised:
        _ingest(path)
    assert str(raised.value) == "1 of 1 item(s) could not be imported."
    assert "the others" not in str(raised.value)


# The run log, item by item.


def test_each_run_logs_every_item_with_its_decision(section):
    with pytest.raises(CommandError):
        _ingest(FIXTURES / "rss2sample.xml", "--publish")
    run = IngestRun.objects.get()
    assert run.summary == "3 created, 0 updated, 0 unchanged, 1 not imported"
    assert [(d.position, d.decision) for d in run.decisions.all()] == [
        (1, Decision.NEW),
        (2, Decision.FAILED),
        (3, Decision.NEW),
        (4, Decision.NEW),
    ]
    assert run.decisions.get(position=2).reason == "title: the item has no title"
