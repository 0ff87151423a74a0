from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
]
