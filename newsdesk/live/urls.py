from django.urls import path

from newsdesk.live import views

app_name = "live"

urlpatterns = [path("live/latest.json", views.latest_json, name="latest")]
