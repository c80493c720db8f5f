"""Template tags for sign-in prompts: built from settings only, never from the reader."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


def configured_providers() -> list[dict]:
    """The social sign-in buttons switched on by configuration, in a fixed order."""
    providers = []
    configured = settings.SOCIALACCOUNT_PROVIDERS
    if "facebook" in configured:
        providers.append({"id": "facebook", "name": "Facebook", "url": reverse("facebook_login")})
    if "google" in configured:
        providers.append({"id": "google", "name": "Google", "url": reverse("google_login")})
    for app in configured.get("openid_connect", {}).get("APPS", []):
        url = reverse("openid_connect_login", kwargs={"provider_id": app["provider_id"]})
        providers.append({"id": app["provider_id"], "name": app["name"], "url": url})
    return providers


@register.simple_tag
def sign_in_providers() -> list[dict]:
    return configured_providers()
