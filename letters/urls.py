from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("verify/", views.verify_start, name="verify_start"),
    # No trailing slash: this is the address printed under each letter's QR code.
    path("verify/<str:code>", views.verify, name="verify"),
]
