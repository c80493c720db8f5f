"""The decide step of wire ingest: what to do with one item, and why, before storing it.

Pure: it reads the item and what is already known of it (the newest version stored and
whether an article exists), never the database itself, so each rule has a plain test.
``docs/DISTRIBUTION.md`` has the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdesk.ingest.models import Decision
from newsdesk.ingest.wire import WireItem

KILLED = "pubStatus '{status}': the source killed or withheld it"
KILLED_BY_SIGNAL = "signal '{signal}': the source withdrew it"
CORRECTION = "signal '{signal}': a newer version that corrects the one stored"
EMBARGOED = "embargoed until {until}: scheduled to go live then, not before"
OLDER_VERSION = "version {version} is older than version {stored} already stored"
OLDER_TIME = "made at {made}, before the version already stored ({stored})"
NEW = "no story with this id yet"
NEWER = "a version not older than the one stored"


@dataclass(frozen=True)
class Known:
    """What is stored for an item id: its newest version, and whether an article exists."""

    version: str = ""
    version_created: datetime | None = None
    has_article: bool = False


@dataclass(frozen=True)
class Verdict:
    decision: str  # a Decision value
    reason: str


def _number(version: str) -> int | None:
    return int(version) if version.strip().isdigit() else None


def _older(item: WireItem, known: Known) -> str:
    """Why ``item`` is older than what is stored, or "" if it is not."""
    mine, theirs = _number(item.version), _number(known.version)
    if mine is not None and theirs is not None and mine != theirs:
        return OLDER_VERSION.format(version=mine, stored=theirs) if mine < theirs else ""
    made, stored = item.version_created, known.version_created
    if made is not None and stored is not None and made < stored:
        return OLDER_TIME.format(made=made.isoformat(), stored=stored.isoformat())
    return ""


def item_decide(*, item: WireItem, known: Known | None, now: datetime) -> Verdict:
    """Decide an item: killed, older version, embargoed, new, correction or newer.

    "Unchanged" is settled by the store step, which compares the text with the article's.
    """
    if item.withdrawn:
        by = item.withdrawn_by
        if by and not by.startswith("stat:"):
            return Verdict(Decision.KILLED, KILLED_BY_SIGNAL.format(signal=by))
        return Verdict(Decision.KILLED, KILLED.format(status=by or "canceled or withheld"))
    if known is not None:
        older = _older(item, known)
        if older:
            return Verdict(Decision.OLDER, older)
    if item.embargoed_until is not None and item.embargoed_until > now:
        return Verdict(Decision.EMBARGOED, EMBARGOED.format(until=item.embargoed_until.isoformat()))
    if known is None or not known.has_article:
        return Verdict(Decision.NEW, NEW)
    if item.correction:
        signal = next((s for s in item.signals if "correction" in s.lower()), "correction")
        return Verdict(Decision.CORRECTION, CORRECTION.format(signal=signal))
    return Verdict(Decision.NEWER, NEWER)
