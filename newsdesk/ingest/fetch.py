"""Fetching wire documents over HTTP, behind a small provider interface.

The contract: a fetcher's ``fetch(url, max_bytes=...)`` returns the document's bytes or
raises :class:`FetchError` with a reason a reader understands. It must time out, cap the
size it reads and never reach an internal address (``HttpFetcher`` uses ``core.http``).
``settings.NEWSDESK_INGEST_FETCHER`` names the class to use; tests and offline installs
use :class:`DummyFetcher`.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from newsdesk.core import http

USER_AGENT = "newsdesk-ingest/1.0 (+https://github.com/newsdesk)"


class FetchError(Exception):
    """The document could not be fetched; the message says why."""


class Fetcher:
    def fetch(self, url: str, *, max_bytes: int | None = None) -> bytes:  # pragma: no cover
        raise NotImplementedError


class HttpFetcher(Fetcher):
    """Fetches through ``core.http``: public addresses only, on every redirect hop."""

    def fetch(self, url: str, *, max_bytes: int | None = None) -> bytes:
        limit = max_bytes or settings.NEWSDESK_INGEST_MAX_BYTES
        try:
            answer = http.fetch(
                url,
                max_bytes=limit,
                timeout=settings.NEWSDESK_INGEST_TIMEOUT,
                headers={"User-Agent": USER_AGENT},
            )
        except http.OutboundFetchError as error:
            # The client's neutral message: never why (refused, closed port, too big).
            raise FetchError(f"could not fetch {url}: {error}") from None
        if answer.status != 200:
            raise FetchError(f"the server answered {answer.status} for {url}")
        return answer.content


class DummyFetcher(Fetcher):
    """Serves documents from ``DummyFetcher.documents`` (url -> bytes); nothing else."""

    documents: dict[str, bytes] = {}

    def fetch(self, url: str, *, max_bytes: int | None = None) -> bytes:
        try:
            return self.documents[url]
        except KeyError:
            raise FetchError(f"no document at {url}") from None


def fetcher_get() -> Fetcher:
    return import_string(settings.NEWSDESK_INGEST_FETCHER)()
