"""A staff site with the operations viewset, mounted as workflows/site.py is to mount it."""

from django.urls import path
from viewflow.urls import Application, Site

from staff.exchange_viewsets import PlatformExchangeViewset
from staff.site import auth

work = Application(title="work", app_name="work", viewsets=[PlatformExchangeViewset()])
site = Site(title="test", viewsets=[work])

urlpatterns = [path("accounts/", auth.urls), path("staff/", site.urls)]
