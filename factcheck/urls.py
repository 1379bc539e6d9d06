from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.monitoring.health import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="editorial:queue", permanent=False)),
    path("health/", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("editorial.urls_account")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("articles/", include("editorial.urls_articles")),
    path("monitoring/", include("factcheck.monitoring.urls")),
    path("review/", include("editorial.urls")),
    path("reviews/", include("editorial.urls_public")),
    path("api/", include("editorial.api.urls")),
]
