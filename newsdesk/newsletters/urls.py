from django.urls import path

from newsdesk.newsletters import views

app_name = "newsletters"

urlpatterns = [
    path("", views.newsletter_list, name="list"),
    path("me.json", views.me_json, name="me"),
    path("subscribe/", views.subscribe_view, name="subscribe"),
    path("confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("manage/", views.manage_view, name="manage"),
    path("manage/<str:token>/", views.manage_view, name="manage_token"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("webhooks/postmark/<str:token>/", views.postmark_webhook, name="postmark_webhook"),
]
