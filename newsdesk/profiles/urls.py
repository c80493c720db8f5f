from django.urls import path

from newsdesk.profiles import views

app_name = "profiles"
urlpatterns = [
    # Fixed paths first: their names are reserved words, so no username can shadow them.
    path("create/", views.profile_create, name="create"),
    path("me/", views.profile_me, name="me"),
    path("me/edit/", views.profile_edit, name="edit"),
    path("<str:username>/", views.profile_detail, name="detail"),
]
