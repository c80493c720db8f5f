"""The Wagtail admin's sign-in form: staff only, under the same limits as readers' sign-in.

Wagtail's own form signs in anyone with a password, so a reader (even one whose email was
never verified) could sign in at /admin/login/, and it counted no failures. Staff keep
their usernames there (demo and ``createsuperuser`` accounts have no email to verify), but
every attempt now goes through allauth's ``login_failed`` limits, shared with
/accounts/login/, and an account without admin access is refused exactly like a wrong
password, so the admin page tells nobody which reader passwords are right.
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

ADMIN_LOGIN_REFUSED = _("Please enter a correct username and password for a staff account.")


class AdminLoginForm(LoginForm):
    error_messages = {**LoginForm.error_messages, "invalid_login": ADMIN_LOGIN_REFUSED}

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        adapter = get_adapter(self.request)
        # Counts this attempt against the IP and the name; raises once either is spent.
        adapter.pre_authenticate(self.request, username=username, password=password)
        user = authenticate(self.request, username=username, password=password)
        if user is None or not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        # Only a staff sign-in that succeeds gives its attempt back (as allauth does for
        # readers), so a shared newsroom IP is not locked out by its own editors.
        adapter._rollback_login_failed_rl_usage()
        self.user_cache = user
        return self.cleaned_data
