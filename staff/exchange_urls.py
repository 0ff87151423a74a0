from django.urls import path

from exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.operations, name="index"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
