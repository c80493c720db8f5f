"""Locales from a copy of their table kept per process, not a query per render.

Wagtail looks up the active language's ``Locale`` on every page it serves (routing asks
for the site root's translation) and a story reads its locale for ``lang=``. The table
holds a row per content language and almost never changes, so each process keeps it:
dropped when a ``Locale`` is saved or deleted here, re-read when a code or id is not in
it (a locale added by another process) and at least every ``RELOAD_AFTER`` seconds (one
renamed or deleted by another process).
"""

from __future__ import annotations

import threading
import time

from django.db import DEFAULT_DB_ALIAS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

RELOAD_AFTER = 60.0

_lock = threading.Lock()
_ids: dict[str, int] = {}  # language code -> id
_codes: dict[int, str] = {}  # id -> language code
_loaded_at = float("-inf")
_changes = 0


def locales_changed(**kwargs) -> None:
    """Forget the copy (connected to ``Locale`` saves and deletes; tests call it too)."""
    global _loaded_at, _changes
    with _lock:
        _loaded_at = float("-inf")
        _changes += 1


def _load(*, force: bool) -> None:
    global _ids, _codes, _loaded_at
    now = time.monotonic()
    if not force and now - _loaded_at < RELOAD_AFTER:
        return
    changes = _changes
    rows = list(Locale.all_objects.using(DEFAULT_DB_ALIAS).values_list("id", "language_code"))
    with _lock:
        _ids = {code: pk for pk, code in rows}
        _codes = dict(rows)
        # Read before a change that landed meanwhile: use it, but read again next time.
        _loaded_at = now if changes == _changes else float("-inf")


def _locale(pk: int, code: str) -> Locale:
    # A new instance each time: callers may change theirs.
    return Locale.from_db(DEFAULT_DB_ALIAS, ["id", "language_code"], [pk, code])


def locale_for_language(language_code: str) -> Locale:
    """The locale of a content language, as ``Locale.objects.get_for_language``."""
    code = get_supported_content_language_variant(language_code)
    _load(force=False)
    if code not in _ids:
        _load(force=True)
    try:
        return _locale(_ids[code], code)
    except KeyError:
        raise Locale.DoesNotExist(f"No locale for {code!r}") from None


def locale_language_code(*, locale_id: int) -> str:
    """The language code of the locale with this id."""
    _load(force=False)
    if locale_id not in _codes:
        _load(force=True)
    try:
        return _codes[locale_id]
    except KeyError:
        raise Locale.DoesNotExist(f"No locale with id {locale_id}") from None


_wagtail_get_for_language = LocaleManager.get_for_language


def _get_for_language(self, language_code):
    if self._db not in (None, DEFAULT_DB_ALIAS):
        return _wagtail_get_for_language(self, language_code)
    return locale_for_language(language_code)


def locale_cache_install() -> None:
    """Answer ``Locale.objects.get_for_language`` (``Locale.get_active``, ``get_default``)
    from the copy.

    Wagtail offers no hook for it and calls it on every serve, before any page code runs,
    so the manager's method is replaced; it behaves as before (same errors, a fresh
    instance per call).
    """
    LocaleManager.get_for_language = _get_for_language
