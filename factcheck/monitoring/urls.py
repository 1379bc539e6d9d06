from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("live/", views.live, name="live"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<str:task_id>/", views.task_detail, name="task"),
    path("verifications/<int:pk>/", views.verification_detail, name="verification"),
    path("verifications/<int:pk>/retry/", views.retry_verification, name="retry_verification"),
    path("articles/<int:pk>/rerun/", views.rerun_article, name="rerun_article"),
]
