from django.urls import path

from .views import public

# Pages anyone may read, without logging in.
urlpatterns = [
    path("<int:pk>/", public.review, name="review"),
]
