"""NewsML-G2 ``itemMeta/signal`` values in the decide step (issue #15 follow-up): a
correction is a newer version noted on the story as a correction; a signal that withdraws
the item unpublishes it; an older correction still never wins."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.ingest.decisions import Known, item_decide
from newsdesk.ingest.models import Decision, IngestDecision
from newsdesk.ingest.wire import parse_wire

FIXTURES = Path(__file__).parent / "fixtures"
ORIGINAL = (FIXTURES / "wire_newsml.xml").read_bytes()
FIRST = b"South Korea and the United States signed a pact on Wednesday"
NOTE = b"Corrects the day of the signing to Wednesday (not Tuesday)."


def _version(
    tmp_path, *, version: int, signal: str = "", ed_note: bytes = b"", text: bytes = b""
) -> Path:
    """The fixture item as version ``version`` with a ``signal`` and other first words."""
    data = ORIGINAL.replace(b'version="3"', f'version="{version}"'.encode())
    extra = f'<signal qcode="{signal}"/>'.encode() if signal else b""
    data = data.replace(b'<role qcode="irel:update"/>', b'<role qcode="irel:update"/>' + extra)
    if ed_note:
        data = data.replace(b"Updates with minister's comments in paragraph 3.", ed_note)
    if text:
        data = data.replace(FIRST, text)
    path = tmp_path / f"v{version}-{signal.replace(':', '-') or 'none'}.xml"
    path.write_bytes(data)
    return path


def _ingest(path):
    call_command("ingest", str(path), "--section", "world", "--publish", verbosity=0)


@pytest.mark.django_db
def test_signals_are_read_and_shown_in_the_dry_run(tmp_path, capsys):
    path = _version(tmp_path, version=4, signal="sig:correction", ed_note=NOTE)
    item = parse_wire(path.read_bytes(), fmt="newsml").items[0]
    assert item.signals == ("sig:correction",)
    assert item.correction and item.correction_note == NOTE.decode()
    call_command("ingest", str(path), "--dry-run")
    shown = json.loads(capsys.readouterr().out.splitlines()[0])
    assert shown["signals"] == ["sig:correction"] and shown["correction"] is True


@pytest.mark.django_db
def test_a_correction_is_a_newer_version_noted_on_the_story(section, tmp_path, client):
    _ingest(FIXTURES / "wire_newsml.xml")
    corrected = b"South Korea and the United States signed a pact on Thursday"
    _ingest(_version(tmp_path, version=4, signal="sig:correction", ed_note=NOTE, text=corrected))
    article = ArticlePage.objects.get()
    assert article.live and not article.has_unpublished_changes
    assert corrected.decode() in str(article.body)
    assert [c.text for c in article.corrections.all()] == [NOTE.decode()]
    decision = IngestDecision.objects.get(version="4")
    assert decision.decision == Decision.CORRECTION
    assert (
        decision.reason == "signal 'sig:correction': a newer version that corrects the one stored"
    )
    page = client.get(article.url).content.decode()
    assert NOTE.decode() in page


@pytest.mark.django_db
def test_a_correction_without_a_note_names_the_agency(section, tmp_path):
    _ingest(FIXTURES / "wire_newsml.xml")
    path = _version(tmp_path, version=4, signal="sig:correction", text=b"Corrected text here")
    path.write_bytes(path.read_bytes().replace(b"<edNote>", b"<!--").replace(b"</edNote>", b"-->"))
    _ingest(path)
    article = ArticlePage.objects.get()
    assert [c.text for c in article.corrections.all()] == [
        "This story was corrected by Example Wire."
    ]


@pytest.mark.django_db
def test_an_update_signal_is_an_ordinary_newer_version(section, tmp_path):
    _ingest(FIXTURES / "wire_newsml.xml")
    _ingest(_version(tmp_path, version=4, signal="sig:update", text=b"Updated first words"))
    assert IngestDecision.objects.get(version="4").decision == Decision.NEWER
    assert not ArticlePage.objects.get().corrections.exists()


@pytest.mark.django_db
def test_an_older_correction_never_wins(section, tmp_path):
    _ingest(FIXTURES / "wire_newsml.xml")
    _ingest(_version(tmp_path, version=2, signal="sig:correction", text=b"Stale words"))
    article = ArticlePage.objects.get()
    assert "Stale words" not in str(article.body) and not article.corrections.exists()
    assert IngestDecision.objects.get(version="2").decision == Decision.OLDER


@pytest.mark.django_db
@pytest.mark.parametrize("signal", ["sig:kill", "sig:withdraw", "apasig:delete"])
def test_a_signal_that_withdraws_the_item_unpublishes_it(section, tmp_path, signal):
    _ingest(FIXTURES / "wire_newsml.xml")
    assert ArticlePage.objects.get().live
    _ingest(_version(tmp_path, version=4, signal=signal))
    assert not ArticlePage.objects.get().live
    decision = IngestDecision.objects.get(version="4")
    assert decision.decision == Decision.KILLED
    assert decision.reason == f"signal '{signal}': the source withdrew it"


def test_a_correction_of_a_story_never_stored_is_new():
    item = parse_wire(
        ORIGINAL.replace(b"<edNote>", b'<signal qcode="sig:correction"/><edNote>'), fmt="newsml"
    ).items[0]
    assert item.correction
    assert item_decide(item=item, known=None, now=item.version_created).decision == Decision.NEW
    known = Known(version="2", has_article=True)
    assert (
        item_decide(item=item, known=known, now=item.version_created).decision
        == Decision.CORRECTION
    )
