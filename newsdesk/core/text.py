"""Text that is safe to put in XML: feeds and sitemaps must parse whatever editors and
readers typed. A platform helper, so every app that writes XML (distribution's feeds and
sitemaps, the contributions feed) strips the same characters."""

from __future__ import annotations

import re

# XML 1.0 allows only tab, newline and carriage return below U+0020, no surrogates and not
# U+FFFE/U+FFFF. C1 controls (U+0080-U+009F) are legal but discouraged; they only ever arrive
# from mis-decoded cp1252, so they go too. Right-to-left marks and emoji sequences (ZWJ,
# variation selectors) are legal and kept.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str | None) -> str:
    """``value`` without the characters XML 1.0 forbids."""
    if not value:
        return ""
    return _ILLEGAL_XML.sub("", str(value))
