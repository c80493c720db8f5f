"""URL converters of our own."""

from __future__ import annotations


class RowIdConverter:
    """A database row id in a URL: at most 18 digits, so it always fits a 64-bit integer.

    Django's ``int`` takes any run of digits, and a 20-digit id reaches the database
    query and fails there (SQLite: OverflowError; PostgreSQL: out of range), which is a
    500. An id that cannot exist is simply not a match: 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
