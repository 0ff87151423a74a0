"""Read-only admin pages: deliveries change only through the worker and the operations page."""

from django.contrib import admin

from exchange.models import Delivery, DeliveryAttempt
from ops.read_only_admin import ReadOnlyAdminMixin


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["report", "subject", "state", "attempts", "failures", "next_attempt_at", "escalated_at"]
    list_filter = ["state"]


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "started_at", "outcome", "http_status", "duration_ms", "receipt"]
    list_filter = ["outcome"]
