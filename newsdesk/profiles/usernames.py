"""The rules for usernames: what they may contain and when two are the same name."""

import unicodedata


def username_key(name: str) -> str:
    """The comparison form: NFKC then case folding, so 'Alice' and full-width 'ａｌｉｃｅ' match."""
    return unicodedata.normalize("NFKC", name).casefold().strip()
