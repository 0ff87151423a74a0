"""The API's addresses, under /api/ (config/urls.py).

/api/schema/ the OpenAPI schema, /api/docs/ Swagger UI and /api/redoc/ Redoc,
both served from drf-spectacular-sidecar's static files (no CDN); /api/v1/ the API;
any other address under /api/ a JSON 404.
"""

from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api.auth import TokenLogoutAllView, TokenLogoutView, TokenObtainView
from api.not_found import api_not_found
from api.objections import ObjectionViewSet
from api.records import RecordViewSet
from api.rectifications import RectificationViewSet
from api.repairs import RepairViewSet

app_name = "api"

router = SimpleRouter()
router.register("records", RecordViewSet, basename="record")
router.register("objections", ObjectionViewSet, basename="objection")
router.register("repairs", RepairViewSet, basename="repair")
router.register("rectifications", RectificationViewSet, basename="rectification")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script from its own URL: no inline script,
    # so the Content-Security-Policy needs no 'unsafe-inline' for it.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        # Redoc runs its search in a worker it creates from a blob: URL.
        csp_update({"worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    path("v1/auth/token/", TokenObtainView.as_view(), name="token"),
    path("v1/auth/logout/", TokenLogoutView.as_view(), name="logout"),
    path("v1/auth/logout-all/", TokenLogoutAllView.as_view(), name="logout-all"),
    path("v1/", include(router.urls)),
    # Last: whatever else under /api/ is a JSON 404 (api/not_found.py).
    re_path(r"^(?P<path>.*)$", api_not_found, name="not-found"),
]
