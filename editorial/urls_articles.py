"""The article pages, under /articles/. Their URL names keep the "factcheck" namespace that
Article.get_absolute_url and the templates use."""

from django.urls import path

from .views import articles

app_name = "factcheck"
urlpatterns = [
    path("", articles.article_list, name="articles"),
    path("new/", articles.article_new, name="article_new"),
    path("<int:pk>/", articles.article_detail, name="article"),
    path("<int:pk>/status/", articles.article_status, name="article_status"),
]
