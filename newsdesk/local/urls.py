from django.urls import path

from newsdesk.local import views

app_name = "local"

urlpatterns = [
    path("location/", views.location_settings, name="settings"),
    path("local/components/<slug:name>/", views.component_fragment, name="component"),
]
