"""The working-day calendar's pages: the public calculator and the administrators' pages."""

from django.urls import path

from calendars import views as calendar_views
from staff import calendar_views as manage_views

app_name = "calendar"
urlpatterns = [
    path("", calendar_views.calculator, name="calculator"),
    path("manage/", manage_views.calendar_manage, name="manage"),
    path("manage/import/", manage_views.calendar_import, name="import"),
]
