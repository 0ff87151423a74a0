"""The old /supervision/ addresses: each answers with a redirect to its page inside the staff site.

Bookmarks, mails and the demo's printed logins point here; the pages themselves
live in the site (`staff.site.OversightViewset`, `NotificationsViewset`) so that
they have its theme and menu. A subject has no place in the staff site: its
notifications (the portal's bell) are served here in the portal's look.
"""

from django.urls import path

from staff import supervision_views as views

app_name = "supervision"
urlpatterns = [
    path("", views.to_site("oversight_app:oversight:index"), name="dashboard"),
    path("list/", views.to_site("oversight_app:oversight:list"), name="list"),
    path("notifications/", views.notifications_entry, name="notifications"),
    path("notifications/read/", views.notification_read, name="notifications_read"),
    path("reports/", views.to_site("oversight_app:oversight:reports", posts=True), name="reports"),
    path("reports/<int:pk>/status.json", views.to_site("oversight_app:oversight:report_status"),
         name="report_status"),
    path("reports/<int:pk>/<str:fmt>", views.to_site("oversight_app:oversight:report_file"), name="report_file"),
]
