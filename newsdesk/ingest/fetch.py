"""Fetching wire documents over HTTP, behind a small provider interface.

The contract: a fetcher's ``fetch(url)`` returns the document's bytes or raises
:class:`FetchError` with a reason a reader understands. It must time out and cap the
size it reads. ``settings.NEWSDESK_INGEST_FETCHER`` names the class to use; tests and
offline installs use :class:`DummyFetcher`.
"""

from __future__ import annotations

import requests
from django.conf import settings
from django.utils.module_loading import import_string

USER_AGENT = "newsdesk-ingest/1.0 (+https://github.com/newsdesk)"


class FetchError(Exception):
    """The document could not be fetched; the message says why."""


class Fetcher:
    def fetch(self, url: str) -> bytes:  # pragma: no cover - the contract
        raise NotImplementedError


class HttpFetcher(Fetcher):
    def fetch(self, url: str) -> bytes:
        if not url.startswith(("http://", "https://")):
            raise FetchError(f"only http and https URLs can be fetched, not '{url}'")
        limit = settings.NEWSDESK_INGEST_MAX_BYTES
        try:
            with requests.get(
                url,
                timeout=settings.NEWSDESK_INGEST_TIMEOUT,
                stream=True,
                headers={"User-Agent": USER_AGENT},
            ) as response:
                if response.status_code != 200:
                    raise FetchError(f"the server answered {response.status_code} for {url}")
                chunks, size = [], 0
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"the document is larger than {limit // 1024 // 1024} MB")
                    chunks.append(chunk)
                return b"".join(chunks)
        except requests.Timeout:
            raise FetchError(
                f"{url} did not answer within {settings.NEWSDESK_INGEST_TIMEOUT} s"
            ) from None
        except requests.RequestException as error:
            raise FetchError(f"could not fetch {url}: {error.__class__.__name__}") from None


class DummyFetcher(Fetcher):
    """Serves documents from ``DummyFetcher.documents`` (url -> bytes); nothing else."""

    documents: dict[str, bytes] = {}

    def fetch(self, url: str) -> bytes:
        try:
            return self.documents[url]
        except KeyError:
            raise FetchError(f"no document at {url}") from None


def fetcher_get() -> Fetcher:
    return import_string(settings.NEWSDESK_INGEST_FETCHER)()
