"""The newsroom's newsletter desk: progress, preview, test mail, send now, breaking alerts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from newsdesk.newsletters import rendering, sending
from newsdesk.newsletters.models import Newsletter
from newsdesk.newsletters.selectors import issue_list_recent, issue_progress
from newsdesk.newsletters.tasks import newsletter_issue_send

SEND_PERMISSION = "newsletters.change_newsletter"


def _require(request) -> None:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied


def desk(request):
    """Each newsletter with its actions, and the recent issues with their progress."""
    _require(request)
    issues = [(issue, issue_progress(issue=issue)) for issue in issue_list_recent()]
    return TemplateResponse(
        request,
        "newsletters/admin/desk.html",
        {
            "newsletters": Newsletter.objects.select_related("site").order_by("site", "name"),
            "issues": issues,
        },
    )


def _rendered(newsletter: Newsletter):
    if newsletter.kind == Newsletter.Kind.BREAKING:
        article = rendering.article_list_published(site_root=newsletter.site.root_page).first()
        return rendering.alert_render(newsletter=newsletter, article=article) if article else None
    return rendering.issue_render(newsletter=newsletter)


def preview(request, newsletter_id: int):
    """The next issue as readers would get it (HTML, or ?format=text)."""
    _require(request)
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    rendered = _rendered(newsletter)
    if rendered is None:
        return HttpResponse(
            _("No stories for this newsletter right now."), content_type="text/plain"
        )
    if request.GET.get("format") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)


@require_POST
def send_test(request, newsletter_id: int):
    _require(request)
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    rendered = _rendered(newsletter)
    if rendered is None or not request.user.email:
        messages.error(request, _("Nothing to send, or your account has no email address."))
    else:
        sending.issue_send_test(rendered=rendered, newsletter=newsletter, email=request.user.email)
        messages.success(
            request, _("A test was sent to %(email)s.") % {"email": request.user.email}
        )
    return redirect("newsletters_admin:desk")


@require_POST
def send_now(request, newsletter_id: int):
    """Queue an issue of a scheduled newsletter now, outside its schedule."""
    _require(request)
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    rendered = rendering.issue_render(newsletter=newsletter) if newsletter.is_scheduled else None
    if rendered is None:
        messages.error(request, _("No stories for this newsletter right now."))
        return redirect("newsletters_admin:desk")
    issue = sending.issue_queue_now(newsletter=newsletter, rendered=rendered)
    if issue is None:
        messages.warning(
            request, _("An issue was queued less than a minute ago; it was not queued again.")
        )
        return redirect("newsletters_admin:desk")
    newsletter_issue_send.enqueue(issue.pk)
    messages.success(
        request,
        _("“%(subject)s” is being sent to %(count)d subscribers.")
        % {"subject": issue.subject, "count": issue.total},
    )
    return redirect("newsletters_admin:desk")


def breaking_alert(request, page_id: int):
    """Confirm, then send an article as a breaking-news alert to the site's alert lists."""
    _require(request)
    page = get_object_or_404(Page, pk=page_id).specific
    site = page.get_site()
    newsletters = Newsletter.objects.filter(
        site=site, kind=Newsletter.Kind.BREAKING, is_active=True
    )
    if request.method == "POST":
        chosen = newsletters.filter(pk__in=request.POST.getlist("newsletter"))
        if not page.live:
            messages.error(request, _("Publish the article before sending an alert about it."))
            return redirect("wagtailadmin_pages:edit", page.pk)
        sent = 0
        already = []
        for newsletter in chosen:
            rendered = rendering.alert_render(newsletter=newsletter, article=page)
            issue = sending.issue_queue(newsletter=newsletter, rendered=rendered, article=page)
            if issue is None:  # one alert per article and newsletter
                already.append(newsletter.name)
                continue
            newsletter_issue_send.enqueue(issue.pk)
            sent += issue.total
        if already:
            messages.warning(
                request,
                _("This article's alert had already gone to: %(newsletters)s.")
                % {"newsletters": ", ".join(already)},
            )
        messages.success(
            request, _("Breaking alert queued for %(count)d subscribers.") % {"count": sent}
        )
        return redirect("newsletters_admin:desk")
    return TemplateResponse(
        request,
        "newsletters/admin/alert_confirm.html",
        {"page": page, "newsletters": newsletters},
    )
