"""The letters archive in the admin: to look at, never to change."""

from django.contrib import admin

from letters.models import Letter
from ops.read_only_admin import ReadOnlyAdminMixin


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "kind", "issuer_name", "addressee", "issued_on", "status", "first_downloaded_at")
    list_filter = ("status", "kind", "year")
    search_fields = ("number", "issuer_name", "addressee", "verification_code", "sha256")
    date_hierarchy = "issued_on"
