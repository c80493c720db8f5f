"""View guards for features that need a reader with a profile."""

from functools import wraps
from urllib.parse import quote

from django.shortcuts import redirect

from newsdesk.profiles.selectors import profile_for_user

CREATE_PROFILE_URL = "/people/create/"
SIGN_IN_URL = "/accounts/login/"


def profile_required(view):
    """Signed-out readers go to sign in; signed-in readers without a profile create one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{SIGN_IN_URL}?next={quote(request.get_full_path())}")
        profile = profile_for_user(user=request.user)
        if profile is None:
            return redirect(f"{CREATE_PROFILE_URL}?next={quote(request.get_full_path())}")
        request.profile = profile
        return view(request, *args, **kwargs)

    return wrapper
