"""The letters archive in the admin: to look at, never to change."""

from django.contrib import admin

from letters.models import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "issuer_name", "addressee", "issued_on", "status", "first_downloaded_at")
    list_filter = ("status", "kind", "year")
    search_fields = ("number", "issuer_name", "addressee", "verification_code", "sha256")
    date_hierarchy = "issued_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
