"""The admin pages of rows that change only through their services or workers: shown, never edited."""


class ReadOnlyAdminMixin:
    """No add, change or delete permission: every page is a view, every POST refused.

    A mixin rather than a ModelAdmin so that inlines (viewflow's `TaskInline`) take it too."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
