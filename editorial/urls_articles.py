"""The article pages, under /articles/. Their URL names keep the "factcheck" namespace that
Article.get_absolute_url and the templates use."""

from django.urls import path

from .views import articles, bulk_imports

app_name = "factcheck"
urlpatterns = [
    path("", articles.article_list, name="articles"),
    path("new/", articles.article_new, name="article_new"),
    path("<int:pk>/", articles.article_detail, name="article"),
    path("<int:pk>/status/", articles.article_status, name="article_status"),
    path("bulk/", bulk_imports.bulk_new, name="bulk_new"),
    path("bulk/<int:pk>/", bulk_imports.bulk_import, name="bulk_import"),
    path("bulk/<int:pk>/status/", bulk_imports.bulk_import_status, name="bulk_import_status"),
    path("bulk/<int:pk>/rejected.csv", bulk_imports.bulk_rejected, name="bulk_rejected"),
]
