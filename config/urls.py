from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from accounts import views as accounts_views
from config import start
from ops.views import ReadyView, healthz
from staff.site import auth, site

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="start", permanent=False)),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg")),  # browsers ask for it
    path("start/", start.start, name="start"),
    path("healthz", healthz, name="healthz"),
    # Readiness: database, cache, storage, task queue and its consumers (ops/checks.py).
    path("readyz", ReadyView.as_view(), name="readyz"),
    # Before viewflow's accounts/: the same logout address, which also revokes the user's API tokens.
    path("accounts/logout/", accounts_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", include("accounts.urls")),
    path("accounts/", auth.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("portal/", include("portal.urls")),
    path("public/", include("public.urls")),
    path("captcha/", include("captcha.urls")),  # the complaint form's captcha images
    path("letters/", include("letters.urls")),
    path("calendar/", include("staff.urls_calendar")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", include("api.urls")),
    path("exchange/", include("staff.exchange_urls")),
    path("supervision/", include("staff.supervision_urls")),
    path("staff/", site.urls),
]
