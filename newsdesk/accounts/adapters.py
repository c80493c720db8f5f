"""allauth adapters: how newsdesk fills in a new reader's account.

``User.username`` is an internal sign-in handle that readers never see or type: readers
sign in with their email, and their public name is the permanent ``Profile.username``
chosen on Create Profile. allauth would derive ``User.username`` from the email or real
name, which would copy personal data into a column nobody looks after, so every reader
gets a random ``reader-<hex>`` handle instead. Staff accounts made with
``createsuperuser`` or in the admin keep the usernames they are given.
"""

from __future__ import annotations

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts.models import READER_HANDLE_PREFIX
from newsdesk.profiles.selectors import profile_for_user

CREATE_PROFILE_PATH = "/people/create/"
PROVIDER_NOT_CONFIGURED = _("This sign-in provider is not set up on this site.")
QUIET_MESSAGES = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}


def reader_handle_new() -> str:
    User = get_user_model()
    while True:
        handle = f"{READER_HANDLE_PREFIX}{secrets.token_hex(6)}"
        if not User.objects.filter(username=handle).exists():
            return handle


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        if not user_username(user):
            user_username(user, reader_handle_new())

    def is_safe_url(self, url: str) -> bool:
        # After sign-in a reader goes back to a path on the site they are on. An absolute
        # ``next`` (an allowed host, but maybe another port or scheme) could leave the
        # site, and the CSP's form-action would block the redirect: refuse it, so allauth
        # falls back to its default page.
        relative = url.startswith("/") and not url.startswith(("//", "/\\"))
        return relative and super().is_safe_url(url)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # "Signed in/out" notices would wait for the next private page, out of context.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_login_redirect_url(self, request) -> str:
        # A reader without a profile is sent to choose a username first.
        if profile_for_user(user=request.user) is None:
            return CREATE_PROFILE_PATH
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request, provider, client_id=None):
        # Every provider's URLs exist even when the operator has not configured it; allauth
        # answers a 404 for such an OpenID Connect provider but a 500 for Facebook or
        # Google. Answer 404 for all (found by tests/security/test_no_500.py).
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404(PROVIDER_NOT_CONFIGURED) from None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # Keep only the email from the provider; the public name is chosen on the profile.
        user.username = ""
        return user
