from django.urls import path

from newsdesk.accounts import views as account_views
from newsdesk.profiles import views

app_name = "profiles"
urlpatterns = [
    # Fixed paths first: their names are reserved words, so no username can shadow them.
    path("create/", views.profile_create, name="create"),
    path("me/", views.profile_me, name="me"),
    path("me/edit/", views.profile_edit, name="edit"),
    path("me/export/", account_views.account_export_download, name="export"),
    path("me/delete/", account_views.account_delete_confirm, name="delete"),
    path("<str:username>/", views.profile_detail, name="detail"),
]
