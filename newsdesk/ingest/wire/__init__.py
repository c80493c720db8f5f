"""Wire formats: RSS/Atom, IPTC ninjs and IPTC NewsML-G2, read into :class:`WireItem`.

Each reader takes the raw bytes of one document and returns a :class:`WireBatch`: the
items it could read and, for each it could not, the reason. A document that cannot be
read at all raises :class:`WireFeedError`. Readers never touch the database.
"""

from newsdesk.ingest.wire.base import (
    WireBatch,
    WireFeedError,
    WireItem,
    WireItemError,
)
from newsdesk.ingest.wire.dispatch import detect_format, parse_wire

__all__ = [
    "WireBatch",
    "WireFeedError",
    "WireItem",
    "WireItemError",
    "detect_format",
    "parse_wire",
]
