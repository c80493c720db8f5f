from django.urls import path

from newsdesk.profiles import views

app_name = "profiles"
urlpatterns = [
    path("<str:username>/", views.profile_detail, name="detail"),
]
