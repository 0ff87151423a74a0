"""Read-only admin pages: deliveries change only through the worker and the operations page."""

from django.contrib import admin

from exchange.models import Delivery, DeliveryAttempt


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["report", "subject", "state", "attempts", "failures", "next_attempt_at", "escalated_at"]
    list_filter = ["state"]


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "started_at", "outcome", "http_status", "duration_ms", "receipt"]
    list_filter = ["outcome"]
