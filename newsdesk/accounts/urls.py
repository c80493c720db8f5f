from django.urls import path

from newsdesk.accounts import views

urlpatterns = [
    path("status.json", views.status, name="account_status"),
    path("deleted/", views.account_deleted, name="account_deleted"),
]
