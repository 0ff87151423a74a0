from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public REST API (DRF): parses, checks scope, calls one entry point, renders."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"
