"""Admin (snippets and the newsletter desk), article alert button, privacy and demo hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.core.hooks import (
    ACCOUNT_ERASE,
    ARTICLE_ADMIN_BUTTONS,
    BASELINE_STEPS,
    DEMO_LOADERS,
    USER_DATA_EXPORT,
)
from newsdesk.newsletters import admin_views
from newsdesk.newsletters.demo import demo_newsletters_load
from newsdesk.newsletters.models import Newsletter, Subscriber
from newsdesk.newsletters.roles import grant_permissions
from newsdesk.newsletters.services import subscriber_erase, subscriber_export


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    list_display = ["name", "site", "kind", "send_time", "weekdays", "is_active"]
    list_filter = ["site", "kind", "is_active"]
    search_fields = ["name"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Newsletter subscribers")
    list_display = ["email", "status", "status_reason", "created_at"]
    list_filter = ["status"]
    search_fields = ["email"]


register_snippet(NewsletterViewSet)
register_snippet(SubscriberViewSet)

admin_urlpatterns = [
    path("", admin_views.desk, name="desk"),
    path("<int:newsletter_id>/preview/", admin_views.preview, name="preview"),
    path("<int:newsletter_id>/test/", admin_views.send_test, name="send_test"),
    path("<int:newsletter_id>/send/", admin_views.send_now, name="send_now"),
    path("alert/<int:page_id>/", admin_views.breaking_alert, name="alert"),
]


@hooks.register("register_admin_urls")
def register_newsletters_admin_urls():
    return [path("newsletter-desk/", include((admin_urlpatterns, "newsletters_admin")))]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.SEND_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_newsletter_desk_menu_item():
    return DeskMenuItem(
        _("Newsletter desk"), reverse("newsletters_admin:desk"), icon_name="mail", order=290
    )


@hooks.register(ARTICLE_ADMIN_BUTTONS)
def newsletters_alert_button(*, page, user):
    if not user.has_perm(admin_views.SEND_PERMISSION) or not page.live:
        return
    yield Button(
        _("Send as breaking-news alert"),
        reverse("newsletters_admin:alert", args=[page.pk]),
        icon_name="mail",
        priority=95,
    )


@hooks.register(USER_DATA_EXPORT)
def newsletters_export(*, user):
    return subscriber_export(user=user)


@hooks.register(ACCOUNT_ERASE, order=30)
def newsletters_erase(*, user):
    subscriber_erase(user=user)


@hooks.register(DEMO_LOADERS, order=40)
def newsletters_demo(*, password):
    demo_newsletters_load()


@hooks.register(BASELINE_STEPS, order=40)
def newsletters_baseline(*, apps):
    grant_permissions(apps)
