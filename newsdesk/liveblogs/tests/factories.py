"""Live blogs and entries for tests, made through the app's own services."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from newsdesk.liveblogs.services import entry_create, live_blog_create


def live_blog_factory(*, section, title: str = "Election night: live", **fields):
    fields.setdefault("summary", "Results as they come in.")
    return live_blog_create(section=section, title=title, **fields)


def text(value: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{value}</p>"}]


def entry_factory(*, blog, body_text: str = "Polls have closed.", **fields):
    return entry_create(blog=blog, body=text(body_text), **fields)


def editor_factory(username: str = "editor"):
    return get_user_model().objects.create_superuser(
        username=username, email=f"{username}@example.com", password="pw-for-tests"
    )
