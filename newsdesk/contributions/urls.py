"""Every URL of reader contributions, included at the root (before Wagtail's pages)."""

from django.urls import path

from newsdesk.contributions import views

app_name = "contributions"
urlpatterns = [
    path("contribute/", views.contribute, name="index"),
    path("contribute/story/", views.story, name="story"),
    path("contribute/story/<id:pk>/", views.story, name="edit"),
    path("contribute/pictures/", views.pictures, name="pictures"),
    path("contribute/mine/", views.mine, name="mine"),
    path("contribute/viewed/<id:pk>/", views.viewed, name="viewed"),
    path("galleries/readers/", views.reader_gallery, name="reader_gallery"),
    path("multimedia/", views.multimedia, name="multimedia"),
]
