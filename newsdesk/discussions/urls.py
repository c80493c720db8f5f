from django.urls import path

from newsdesk.discussions import views

app_name = "discussions"
urlpatterns = [
    path("mine/", views.my_comments, name="mine"),
    path("policy/", views.comments_policy, name="policy"),
    path("<id:article_id>/", views.thread_fragment, name="fragment"),
    path("<id:article_id>/me.json", views.me, name="me"),
    path("<id:article_id>/thread/", views.thread_page, name="thread"),
    path("<id:article_id>/post/", views.comment_create, name="post"),
    path("c/<id:comment_id>/", views.comment_permalink, name="permalink"),
    path("c/<id:comment_id>/recommend/", views.comment_recommend, name="recommend"),
    path("c/<id:comment_id>/feature/", views.comment_feature, name="feature"),
    path("c/<id:comment_id>/edit/", views.comment_edit, name="edit"),
    path("c/<id:comment_id>/delete/", views.comment_delete, name="delete"),
    path("c/<id:comment_id>/report/", views.comment_report, name="report"),
]
