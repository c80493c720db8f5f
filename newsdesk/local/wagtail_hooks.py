"""Editors manage places, traffic alerts and feeds, and listings under "Local"."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsdesk.core.hooks import BASELINE_STEPS, DEMO_LOADERS, LOCAL_COMPONENTS, USER_DATA_EXPORT
from newsdesk.local.components.builtins import BUILTIN_COMPONENTS
from newsdesk.local.demo import demo_local_load
from newsdesk.local.models import Listing, LocationChoice, Place, TrafficAlert, TrafficFeed
from newsdesk.local.places_data import places_seed


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "kind", "region", "country", "time_zone"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


class TrafficAlertViewSet(SnippetViewSet):
    model = TrafficAlert
    icon = "warning"
    menu_label = _("Traffic alerts")
    list_display = ["headline", "region", "severity", "starts_at", "expires_at"]
    list_filter = ["severity", "region"]
    search_fields = ["headline"]


class TrafficFeedViewSet(SnippetViewSet):
    model = TrafficFeed
    icon = "link"
    menu_label = _("Traffic feeds")
    list_display = ["url", "region", "enabled", "last_imported_at"]


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "date"
    menu_label = _("Listings")
    list_display = ["title", "kind", "place", "starts_at", "venue"]
    list_filter = ["kind", "place"]
    search_fields = ["title", "venue"]


class LocalViewSetGroup(SnippetViewSetGroup):
    items = (TrafficAlertViewSet, ListingViewSet, TrafficFeedViewSet, PlaceViewSet)
    menu_icon = "site"
    menu_label = _("Local")
    menu_name = "local"
    menu_order = 310


register_snippet(LocalViewSetGroup)


@hooks.register(USER_DATA_EXPORT)
def local_export(*, user):
    """The place the reader chose for each component (they cascade with the user)."""
    choices = LocationChoice.objects.filter(user=user).select_related("place")
    return {
        "location_choices": [
            {
                "component": c.component,
                "place": c.place.name,
                "updated_at": c.updated_at.isoformat(),
            }
            for c in choices.order_by("component")
        ]
    }


@hooks.register(BASELINE_STEPS, order=30)
def local_baseline(*, apps):
    places_seed(apps.get_model("local", "Place"))


@hooks.register(DEMO_LOADERS, order=20)
def local_demo(*, password):
    demo_local_load()


@hooks.register(LOCAL_COMPONENTS)
def local_builtin_components():
    return BUILTIN_COMPONENTS
