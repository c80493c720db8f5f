"""Personal account endpoints: who is signed in, data export, account deletion.

None of these responses may be cached by anyone but the reader's own browser session.
"""

from __future__ import annotations

import json

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from newsdesk.accounts import services
from newsdesk.accounts.export import account_export
from newsdesk.profiles.selectors import profile_for_user


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def status(request):
    """Who is signed in, for the header of public pages (loaded by js/accounts.js)."""
    user = request.user
    data = {
        "signed_in": user.is_authenticated,
        "links": {
            "sign_in": reverse("account_login"),
            "join": reverse("account_signup"),
        },
        "profile": None,
    }
    if user.is_authenticated:
        profile = profile_for_user(user=user)
        if profile is not None:
            data["profile"] = {
                "username": profile.username,
                "display_name": profile.shown_name,
                "url": profile.get_absolute_url(),
                "avatar_url": profile.avatar.url if profile.avatar else None,
            }
        data["links"] = {
            "profile": reverse("profiles:me"),
            "create_profile": reverse("profiles:create"),
            "edit_profile": reverse("profiles:edit"),
            "my_comments": reverse("discussions:mine"),
            "my_contributions": reverse("contributions:mine"),
            "account": reverse("account_email"),
            "export": reverse("account_export"),
            "delete": reverse("account_delete"),
            "sign_out": reverse("account_logout"),
        }
    response = JsonResponse(data)
    response["Vary"] = "Cookie"
    return _private(response)


@never_cache
@login_required
def account_export_download(request):
    data = account_export(user=request.user)
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdesk-my-data.json"'
    return _private(response)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and personal data. This cannot be undone."), required=True
    )


@never_cache
@login_required
def account_delete_confirm(request):
    user = request.user
    needs_password = user.has_usable_password()
    form = AccountDeleteForm(request.POST or None)
    if not needs_password:
        del form.fields["password"]
    if request.method == "POST" and form.is_valid():
        if needs_password and not user.check_password(form.cleaned_data["password"]):
            form.add_error("password", services.WRONG_PASSWORD)
        elif not needs_password and is_reauthentication_required(request):
            # Readers who sign in only through Facebook, Google or OIDC prove it is them
            # by signing in there again.
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('account_reauthenticate')}?{query}")
        else:
            services.account_delete(user=user)
            logout(request)
            return redirect("account_deleted")
    context = {
        "form": form,
        "profile": profile_for_user(user=user),
        "emails": EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    return render(request, "accounts/delete.html", context)


@never_cache
def account_deleted(request):
    return _private(render(request, "accounts/deleted.html"))
