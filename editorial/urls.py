from django.urls import path

from .views import queue

app_name = "editorial"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("claims/<int:pk>/", queue.claim_detail, name="claim"),
]
