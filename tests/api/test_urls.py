"""The OpenAPI schema and the docs pages, served without any CDN."""

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("url", ["/api/schema/", "/api/v1/schema/"])
def test_the_schema_describes_every_endpoint(url):
    response = Client().get(url, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/records/",
        "/api/v1/objections/",
        "/api/v1/objections/{number}/",
        "/api/v1/objections/{number}/letters/{letter_pk}/",
    ):
        assert path in paths, path
    for action in (
        "accept",
        "reject",
        "request-materials",
        "supply-materials",
        "decide",
        "reply",
        "confirm-lifting",
        "confirm-report",
        "withdraw",
    ):
        assert "post" in paths[f"/api/v1/objections/{{number}}/{action}/"], action


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_nothing_from_outside(url):
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html  # the bundled Swagger UI / Redoc
    assert not EXTERNAL.findall(html), EXTERNAL.findall(html)
    assert not re.search(r"https?://", html)


def test_swagger_ui_points_at_the_schema_and_skips_the_online_validator():
    # The start script comes from its own URL (no inline script, for the Content-Security-Policy).
    html = Client().get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script="></script>' in html
    script = Client().get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert '"/api/schema/"' in script.content.decode()
    assert '"validatorUrl": null' in script.content.decode()


def test_the_sidecar_assets_are_installed():
    from django.contrib.staticfiles import finders

    for asset in (
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js",
    ):
        assert finders.find(asset), asset
