from django.urls import path

from staff import exchange_views as views

app_name = "exchange"
urlpatterns = [
    path("", views.operations, name="index"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
