from django.urls import path

from newsdesk.analytics import views

app_name = "analytics"
urlpatterns = [path("read/", views.beacon, name="beacon")]
