"""Location Settings and the component fragments; both personal, so never cached."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from newsdesk.local.components import local_component_get
from newsdesk.local.forms import LocationSettingsForm
from newsdesk.local.models import LocationChoice
from newsdesk.local.selectors import location_choice_slugs, location_place_for
from newsdesk.local.services import location_choices_save, location_cookie_value

SAVED = _("Your location settings are saved.")
CLEARED = _("Your location settings are cleared: you now see the default places.")
FIX_ERRORS = _("Please choose places from the lists.")
COOKIE_MAX_AGE = 365 * 24 * 3600


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def location_settings(request):
    status = 200
    if request.method == "POST":
        if "clear" in request.POST:
            return _saved(request, {}, cleared=True)
        form = LocationSettingsForm(request.POST)
        if form.is_valid():
            return _saved(request, form.chosen_places())
        status = 400
    else:
        form = LocationSettingsForm(initial=location_choice_slugs(request=request))
    notice = {"saved": SAVED, "cleared": CLEARED}.get(request.GET.get("done", ""))
    return render(
        request,
        "local/location_settings.html",
        {
            "form": form,
            "notice": notice,
            "error": FIX_ERRORS if status == 400 else "",
            "signed_in": request.user.is_authenticated,
        },
        status=status,
    )


def _saved(request, choices: dict, *, cleared: bool = False):
    response = HttpResponseRedirect(
        reverse("local:settings") + ("?done=cleared" if cleared else "?done=saved")
    )
    cookie = settings.NEWSDESK_LOCATION_COOKIE
    if request.user.is_authenticated:
        if cleared:
            LocationChoice.objects.filter(user=request.user).delete()
        else:
            location_choices_save(user=request.user, choices=choices)
    elif cleared:
        response.delete_cookie(cookie, samesite="Lax")
    else:
        response.set_cookie(
            cookie,
            location_cookie_value(choices=choices),
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_GET
def component_fragment(request, name: str):
    component = local_component_get(name=name)
    if component is None:
        raise Http404("No such component")
    place, is_default = location_place_for(request=request, component=name)
    context = {"component": component, "place": place, "is_default": is_default}
    if place is not None:
        context.update(component.get_context(request=request, place=place))
    # Rendered without context processors: a fragment needs no site navigation or user.
    response = HttpResponse(render_to_string("local/component.html", context))
    patch_cache_control(response, private=True, no_store=True)
    return response
