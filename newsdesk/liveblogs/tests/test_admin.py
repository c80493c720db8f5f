"""The reporter's desk in the Wagtail admin: post, edit, flag, delete; editors only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsdesk.liveblogs.models import LiveBlogEntry
from newsdesk.liveblogs.services import EMPTY_ENTRY
from newsdesk.liveblogs.tests.factories import entry_factory

pytestmark = pytest.mark.django_db


def _form(text: str = "", **fields) -> dict:
    body = [("paragraph", rich_text(f"<p>{text}</p>"))] if text else []
    data = {"title": "", "body": streamfield(body), "author": "", **fields}
    return nested_form_data(data)


def test_an_editor_posts_an_entry_from_the_desk(client, blog, editor):
    client.force_login(editor)
    url = reverse("liveblogs_admin:entries", kwargs={"page_id": blog.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _form("Turnout is high", title="Turnout", is_key_event="on"))
    assert response.status_code == 302
    entry = LiveBlogEntry.objects.get()
    assert entry.title == "Turnout" and entry.is_key_event and not entry.is_pinned
    assert entry.plain_text == "Turnout is high"


def test_an_empty_entry_is_refused_with_a_clear_message(client, blog, editor):
    client.force_login(editor)
    url = reverse("liveblogs_admin:entries", kwargs={"page_id": blog.pk})
    response = client.post(url, _form("", title="Nothing"))
    assert response.status_code == 400
    assert not LiveBlogEntry.objects.exists()
    assert str(EMPTY_ENTRY) in response.content.decode() or "required" in (
        response.content.decode()
    )


def test_edit_flag_and_delete(client, blog, editor):
    entry = entry_factory(blog=blog)
    client.force_login(editor)
    edit = reverse("liveblogs_admin:edit", kwargs={"entry_id": entry.pk})
    assert client.get(edit).status_code == 200
    assert client.post(edit, _form("Corrected", title="Fixed")).status_code == 302
    flag = reverse("liveblogs_admin:flag", kwargs={"entry_id": entry.pk})
    client.post(flag, {"flag": "is_pinned"})
    entry.refresh_from_db()
    assert entry.title == "Fixed" and entry.updated_at and entry.is_pinned
    client.post(flag, {"flag": "live"})  # unknown: nothing changes
    delete = reverse("liveblogs_admin:delete", kwargs={"entry_id": entry.pk})
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not LiveBlogEntry.objects.exists()


def test_a_user_who_cannot_edit_the_page_cannot_use_the_desk(client, blog):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username="intern", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("liveblogs_admin:entries", kwargs={"page_id": blog.pk})
    assert client.get(url).status_code in (302, 403)
    client.post(url, _form("Sneaky"))
    assert not LiveBlogEntry.objects.exists()


def test_the_page_header_links_to_the_desk(client, blog, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[blog.pk])).content.decode()
    assert reverse("liveblogs_admin:entries", kwargs={"page_id": blog.pk}) in html
