from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("verify/", views.two_factor_verify, name="two_factor_verify"),
    path("recovery-codes/", views.recovery_codes_regenerate, name="recovery_codes_regenerate"),
]
