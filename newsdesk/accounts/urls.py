from django.urls import path

from newsdesk.accounts import views

urlpatterns = [
    path("status.json", views.status, name="account_status"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]

# Mounted under /people/ beside the profile pages (the reader's "me" pages); they live
# here because profiles sit below accounts in the layer map.
people_urlpatterns = [
    path("me/export/", views.account_export_download, name="account_export"),
    path("me/delete/", views.account_delete_confirm, name="account_delete"),
]
