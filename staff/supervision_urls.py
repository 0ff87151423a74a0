from django.urls import path

from staff import supervision_views as views

app_name = "supervision"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("list/", views.dashboard_cases, name="list"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read, name="notifications_read"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/status.json", views.report_status, name="report_status"),
    path("reports/<int:pk>/<str:fmt>", views.report_file, name="report_file"),
]
