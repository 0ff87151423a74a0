"""A staff site with the operations viewset, mounted as staff/site.py mounts it; with the public
pages, whose lookup address every receipt issued at lodging names."""

from django.urls import include, path
from viewflow.urls import Application, Site

from staff.exchange_viewsets import PlatformExchangeViewset
from staff.site import auth

work = Application(title="work", app_name="work", viewsets=[PlatformExchangeViewset()])
site = Site(title="test", viewsets=[work])

urlpatterns = [path("accounts/", auth.urls), path("staff/", site.urls), path("public/", include("public.urls"))]
