"""Reader pages: the cacheable list, the private subscribe/manage pages, one-click leave.

``/newsletters/`` is the same for everyone (cacheable); its form carries no token. The
script asks ``me.json`` (private) for a CSRF token and the reader's subscriptions, and
without a script the form leads to ``/newsletters/subscribe/``, a private page with the
token. Unsubscribe links are authenticated by their signed token, never by a cookie.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Site

from newsdesk.core.ratelimit import rate_limit_consume
from newsdesk.network.selectors import site_root_url
from newsdesk.newsletters import postmark, services, tokens
from newsdesk.newsletters.models import Subscriber
from newsdesk.newsletters.selectors import (
    newsletter_list_for_manage,
    newsletter_list_for_site,
    subscribed_newsletter_ids,
    subscriber_for_user,
)

RATE_LIMITED = gettext_lazy("Too many sign-ups from here; please try again in a few minutes.")


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _chosen_ids(data) -> list[int]:
    return [int(v) for v in data.getlist("newsletter") if v.isdigit()]


@require_safe
def newsletter_list(request):
    """The site's newsletters with a sign-up form: the same bytes for every reader."""
    newsletters = newsletter_list_for_site(site=_site(request))
    return render(request, "newsletters/list.html", {"newsletters": newsletters})


@never_cache
@require_safe
def me_json(request):
    """What the list page personalises: a CSRF token, and the signed-in reader's choices."""
    user = request.user
    subscriber = subscriber_for_user(user=user)
    data = {
        "csrf_token": get_token(request),
        "signed_in": user.is_authenticated,
        "email": user.email if user.is_authenticated else "",
        "subscribed": sorted(subscribed_newsletter_ids(subscriber=subscriber)),
    }
    response = JsonResponse(data)
    patch_cache_control(response, private=True, no_store=True)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_view(request):
    site = _site(request)
    newsletters = newsletter_list_for_site(site=site)
    source = request.POST if request.method == "POST" else request.GET
    chosen = _chosen_ids(source)
    email = source.get("email", "") or (request.user.email if request.user.is_authenticated else "")
    context = {"newsletters": newsletters, "chosen": chosen, "email": email}
    if request.method == "POST":
        retry_after = rate_limit_consume(request, action="newsletter_subscribe", user=request.user)
        if retry_after is not None:
            response = render(
                request,
                "newsletters/subscribe.html",
                {**context, "error": RATE_LIMITED},
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
        try:
            direct = services.subscribe(
                email=email,
                newsletter_ids=chosen,
                site=site,
                user=request.user,
                base_url=site_root_url(request=request),
            )
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            return render(request, "newsletters/subscribe.html", context, status=400)
        return render(request, "newsletters/subscribed.html", {"direct": direct, "email": email})
    return render(request, "newsletters/subscribe.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request, token: str):
    """GET shows a button (mail scanners follow links); POST confirms."""
    if request.method != "POST":
        try:
            tokens.confirm_token_read(token)
        except tokens.TokenInvalid:
            return render(
                request,
                "newsletters/message.html",
                {"title": _("Link not valid"), "message": services.CONFIRM_LINK_INVALID},
                status=400,
            )
        return render(request, "newsletters/confirm.html", {"token": token})
    try:
        subscriber = services.subscription_confirm(token=token)
    except ValidationError as error:
        return render(
            request,
            "newsletters/message.html",
            {"title": _("Link not valid"), "message": " ".join(error.messages)},
            status=400,
        )
    manage = tokens.subscriber_token(subscriber_id=subscriber.pk, purpose=tokens.MANAGE)
    return render(
        request,
        "newsletters/message.html",
        {
            "title": _("You are subscribed"),
            "message": _("Thank you: your first newsletter is on its way with the next issue."),
            "manage_token": manage,
        },
    )


def _manage_subscriber(request, token: str | None) -> Subscriber | None:
    if token is not None:
        try:
            subscriber_id = tokens.subscriber_token_read(token, purpose=tokens.MANAGE)
        except tokens.TokenInvalid:
            raise Http404 from None
        return Subscriber.objects.filter(pk=subscriber_id).first()
    return subscriber_for_user(user=request.user)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_view(request, token: str | None = None):
    """Every subscription of one reader on one page: signed in, or through the mail's link."""
    if token is None and not request.user.is_authenticated:
        return render(
            request,
            "newsletters/message.html",
            {
                "title": _("Manage your newsletters"),
                "message": _(
                    "Sign in, or use the “Manage your newsletters” link at the foot of any "
                    "newsletter we sent you."
                ),
                "sign_in": True,
            },
        )
    subscriber = _manage_subscriber(request, token)
    if token is not None and subscriber is None:
        raise Http404
    site = _site(request)
    saved = False
    if request.method == "POST":
        if subscriber is None:
            try:
                subscriber = services.subscriber_for_account(user=request.user)
            except ValidationError as error:
                return render(
                    request,
                    "newsletters/message.html",
                    {"title": _("Manage your newsletters"), "message": " ".join(error.messages)},
                    status=400,
                )
        services.subscriptions_set(subscriber=subscriber, newsletter_ids=_chosen_ids(request.POST))
        saved = True
    subscribed = subscribed_newsletter_ids(subscriber=subscriber)
    newsletters = newsletter_list_for_manage(site=site, subscribed_ids=subscribed)
    return render(
        request,
        "newsletters/manage.html",
        {
            "newsletters": newsletters,
            "subscribed": subscribed,
            "subscriber": subscriber,
            "saved": saved,
            "token": token,
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST without cookies; the signed token authenticates
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token: str):
    """One-click leave: POST unsubscribes at once; GET asks first, with one button."""
    try:
        subscriber_id = tokens.subscriber_token_read(token, purpose=tokens.UNSUBSCRIBE)
    except tokens.TokenInvalid:
        raise Http404 from None
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe_all(subscriber=subscriber)
        return render(
            request,
            "newsletters/message.html",
            {
                "title": _("You have unsubscribed"),
                "message": _("We will send you no more newsletters."),
            },
        )
    return render(request, "newsletters/unsubscribe.html", {"token": token})


@csrf_exempt  # a server-to-server call, authenticated by the token in its URL
@require_POST
def postmark_webhook(request, token: str):
    """Postmark's bounce and spam-complaint webhooks: stop mail to the address."""
    expected = settings.NEWSLETTERS_WEBHOOK_TOKEN
    if not expected or not constant_time_compare(token, expected):
        raise Http404
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("invalid JSON", status=400, content_type="text/plain")
    outcome = postmark.postmark_event_record(payload)
    return JsonResponse({"recorded": outcome})
