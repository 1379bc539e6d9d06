from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from django.views.generic import RedirectView

from factcheck.monitoring.health import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="editorial:queue", permanent=False)),
    path("health/", health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("editorial.urls_account")),
    # Open to anonymous visitors: the login page has the language switch too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("articles/", include("editorial.urls_articles")),
    path("monitoring/", include("factcheck.monitoring.urls")),
    path("review/", include("editorial.urls")),
    path("reviews/", include("editorial.urls_public")),
    path("api/", include("editorial.api.urls")),
]
