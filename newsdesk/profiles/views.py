"""Profile pages: the public page, and the reader's own create and edit screens.

The public page is the same for every reader (cacheable); the create and edit screens
are personal and never cached.
"""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from newsdesk.core.ratelimit import rate_limit_consume
from newsdesk.core.redirects import next_url_safe
from newsdesk.profiles import services
from newsdesk.profiles.forms import ProfileCreateForm, ProfileEditForm
from newsdesk.profiles.selectors import (
    profile_by_username,
    profile_for_user,
    profile_tombstone_by_username,
)

PROFILE_CREATED = _(
    "Welcome, {name}! Your profile is ready. Add a picture and a few words about yourself "
    "if you like."
)
PROFILE_SAVED = _("Your profile has been saved.")
AVATAR_RATE_LIMITED = _(
    "You have changed your profile picture many times in a short while. Nothing was "
    "saved: please try again in {minutes} min."
)


def profile_detail(request, username: str):
    profile = profile_by_username(username=username)
    if profile is None:
        tombstone = profile_tombstone_by_username(username=username)
        if tombstone is None:
            raise Http404("No such profile.")
        return render(request, "profiles/profile_deleted.html", {"profile": tombstone}, status=410)
    if profile.username != username:
        # One canonical address per profile, whatever case or width the link used.
        return redirect(profile.get_absolute_url(), permanent=True)
    return render(
        request,
        "profiles/profile_detail.html",
        {
            "profile": profile,
            "meta_description": f"{profile.shown_name} (@{profile.username}), a reader's profile.",
        },
    )


@never_cache
@login_required
def profile_create(request):
    existing = profile_for_user(user=request.user)
    if existing is not None:
        return redirect(next_url_safe(request, default=existing.get_absolute_url()))
    form = ProfileCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_create(
                user=request.user,
                username=form.cleaned_data["username"],
                display_name=form.cleaned_data["display_name"],
            )
        except services.ProfileError as error:
            field = "username" if error.code == "username" else None
            form.add_error(field, error.message)
        else:
            target = next_url_safe(request, default="")
            if target:
                # Back where the reader was (an article's comment box, usually): a public
                # page that shows no messages, so a queued welcome would pop up later on
                # some unrelated private page. The box they return to is the confirmation.
                return redirect(target)
            messages.success(request, PROFILE_CREATED.format(name=profile.shown_name))
            return redirect("profiles:edit")
    return render(
        request,
        "profiles/profile_create.html",
        {"form": form, "next": next_url_safe(request, default="")},
    )


@never_cache
@login_required
def profile_me(request):
    profile = profile_for_user(user=request.user)
    if profile is None:
        return redirect("profiles:create")
    return redirect(profile.get_absolute_url())


@never_cache
@login_required
def profile_edit(request):
    profile = profile_for_user(user=request.user)
    if profile is None:
        return redirect("profiles:create")
    initial = {"display_name": profile.display_name, "bio": profile.bio}
    form = ProfileEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and request.FILES.get("avatar"):
        # Counted before the picture is looked at: decoding it is the cost being limited.
        retry_after = rate_limit_consume(request, action="avatar_upload", user=request.user)
        if retry_after is not None:
            form = ProfileEditForm(request.POST, initial=initial)  # what they typed stays
            form.add_error(None, AVATAR_RATE_LIMITED.format(minutes=math.ceil(retry_after / 60)))
            response = render(
                request,
                "profiles/profile_edit.html",
                {"form": form, "profile": profile},
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                profile=profile,
                display_name=form.cleaned_data["display_name"],
                bio=form.cleaned_data["bio"],
            )
            if form.cleaned_data["avatar"]:
                services.profile_set_avatar(profile=profile, upload=form.cleaned_data["avatar"])
            elif form.cleaned_data["remove_avatar"]:
                services.profile_remove_avatar(profile=profile)
        except services.ProfileError as error:
            form.add_error("avatar" if error.code == "avatar" else None, error.message)
            profile.refresh_from_db()
        else:
            messages.success(request, PROFILE_SAVED)
            return redirect(profile.get_absolute_url())
    return render(request, "profiles/profile_edit.html", {"form": form, "profile": profile})
