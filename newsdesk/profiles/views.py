"""Public profile pages."""

from django.http import Http404
from django.shortcuts import render

from newsdesk.profiles.selectors import profile_by_username


def profile_detail(request, username: str):
    profile = profile_by_username(username=username)
    if profile is None:
        raise Http404("No such profile.")
    return render(request, "profiles/profile_detail.html", {"profile": profile})
