"""Index a story in the transaction that publishes it (an event of Wagtail's).

Wagtail queues the index update as a task on every save; the worker may run it seconds
later. The caches purge every search page when a story is published, so a search made
in between would be stored with "no results" for that story. Indexing here, before the
publish commits, makes the story findable the moment any cache shows it.
"""

from __future__ import annotations

from modelsearch import index
from wagtail.signals import page_published


def on_page_published(sender, instance, **kwargs):
    page = instance.specific
    if index.class_is_indexed(type(page)):
        index.insert_or_update_object(page)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="newsdesk.search.published")
