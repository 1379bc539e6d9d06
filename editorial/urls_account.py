from django.urls import path

from .views import tokens

urlpatterns = [
    path("api-token/", tokens.api_token, name="api_token"),
]
