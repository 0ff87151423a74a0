"""The working-day calendar's pages: the administrators' pages (the public calculator is /public/calendar/)."""

from django.urls import path
from django.views.generic import RedirectView

from staff import calendar_views as manage_views

app_name = "calendar"
urlpatterns = [
    # The public calculator lives in the public pages now; old links and bookmarks follow.
    path("", RedirectView.as_view(pattern_name="public:calendar", query_string=True, permanent=True),
         name="calculator"),
    path("manage/", manage_views.calendar_manage, name="manage"),
    path("manage/import/", manage_views.calendar_import, name="import"),
]
