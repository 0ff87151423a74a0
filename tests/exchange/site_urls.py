"""A staff site with the operations viewset mounted as workflows/site.py will mount it (see the issue 8 note)."""

from django.urls import path
from viewflow.urls import Application, Site

from exchange.viewsets import PlatformExchangeViewset
from workflows.site import auth

site = Site(title="test", viewsets=[Application(title="work", app_name="work", viewsets=[PlatformExchangeViewset()])])

urlpatterns = [path("accounts/", auth.urls), path("staff/", site.urls)]
