"""The reporter's desk for one live blog, in the Wagtail admin: post an entry in seconds,
then edit, delete, pin or flag entries. Every action goes through ``services``; anyone
who may edit the blog's page may use it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.rich_text import RichText

from newsdesk.liveblogs import services
from newsdesk.liveblogs.models import LiveBlogEntry, LiveBlogPage
from newsdesk.liveblogs.selectors import entry_list

ENTRY_PANELS = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("is_key_event"),
        FieldPanel("is_pinned"),
    ]
).bind_to_model(LiveBlogEntry)
EntryForm = ENTRY_PANELS.get_form_class()
FLAGS = {"is_key_event", "is_pinned"}


def _blog_for(request, page_id: int) -> LiveBlogPage:
    blog = get_object_or_404(LiveBlogPage, pk=page_id)
    if not blog.permissions_for_user(request.user).can_edit():
        raise PermissionDenied(services.NOT_ALLOWED)
    return blog


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for each in errors:
                form.add_error(field if field in form.fields else None, each)
    else:
        form.add_error(None, error)


def _render(request, blog, form, *, entry=None):
    panel = ENTRY_PANELS.get_bound_panel(
        instance=form.instance, request=request, form=form, prefix="entry"
    )
    return TemplateResponse(
        request,
        "liveblogs/admin/entries.html" if entry is None else "liveblogs/admin/entry_edit.html",
        {
            "blog": blog,
            "form": form,
            "panel": panel,
            "media": form.media + panel.media,
            "entry": entry,
            "entries": entry_list(blog_id=blog.pk) if entry is None else [],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


ENTRY_FIELDS = ("body", "title", "author", "is_key_event", "is_pinned")


def _entry_fields(form) -> dict:
    """What the desk's form hands to the entry services, for posting and editing alike."""
    return {name: form.cleaned_data[name] for name in ENTRY_FIELDS}


def entries_view(request, page_id: int):
    """The desk: the post form on top, the stream below with its buttons."""
    blog = _blog_for(request, page_id)
    # The text box is open and ready: a reporter types at once instead of choosing a block.
    blank = LiveBlogEntry(blog=blog, body=[("paragraph", RichText(""))])
    form = EntryForm(request.POST or None, instance=blank, for_user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_post(
                blog=blog,
                user=request.user,
                **_entry_fields(form),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Entry published."))
            return redirect("liveblogs_admin:entries", page_id=blog.pk)
    return _render(request, blog, form)


def entry_edit_view(request, entry_id: int):
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    form = EntryForm(request.POST or None, instance=entry, for_user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                entry=entry,
                user=request.user,
                **_entry_fields(form),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Entry updated."))
            return redirect("liveblogs_admin:entries", page_id=blog.pk)
    return _render(request, blog, form, entry=entry)


@require_POST
def entry_flag_view(request, entry_id: int):
    """Toggle one flag (``flag=is_pinned`` or ``flag=is_key_event``)."""
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    flag = request.POST.get("flag", "")
    if flag not in FLAGS:
        messages.error(request, _("Unknown flag: nothing changed."))
    else:
        services.entry_flags_set(entry=entry, user=request.user, **{flag: not getattr(entry, flag)})
        messages.success(request, _("Entry changed."))
    return redirect("liveblogs_admin:entries", page_id=blog.pk)


def entry_delete_view(request, entry_id: int):
    entry = get_object_or_404(LiveBlogEntry, pk=entry_id)
    blog = _blog_for(request, entry.blog_id)
    if request.method == "POST":
        services.entry_delete(entry=entry, user=request.user)
        messages.success(request, _("Entry deleted."))
        return redirect("liveblogs_admin:entries", page_id=blog.pk)
    return TemplateResponse(
        request, "liveblogs/admin/entry_delete.html", {"blog": blog, "entry": entry}
    )
