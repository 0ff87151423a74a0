"""config.urls plus the bare endpoint benchmarks/load.py compares lodging with (benchmark settings only)."""

from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The least a request through the same middleware can cost: no database, a small JSON answer."""
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/bare", bare, name="bench-bare"), *site_urlpatterns]
