"""Staff UI pages (viewflow material frontend) over credit files, scoped per user."""

from django.utils.translation import gettext_lazy as _
from viewflow.urls import ReadonlyModelViewset

from casework import permissions
from casework.models import CreditRecord, PunishmentMeasure, Subject


class ScopedReadonlyViewset(ReadonlyModelViewset):
    """A read-only list and detail whose rows pass through `casework.permissions`."""

    scope = None  # a function (user, queryset) -> queryset
    list_paginate_by = 50  # one page size for every credit file's list

    def get_queryset(self, request):
        return type(self).scope(request.user, self.model._default_manager.all())

    def has_view_permission(self, user, obj=None):
        if not permissions.is_staff_role(user):
            return False
        if obj is None:
            return True
        return type(self).scope(user, self.model._default_manager.filter(pk=obj.pk)).exists()


class CreditRecordViewset(ScopedReadonlyViewset):
    model = CreditRecord
    scope = staticmethod(permissions.records_visible_to)
    icon = "folder_shared"
    title = _("信用记录")
    list_columns = ("number", "subject", "kind", "key_area", "determined_by", "severity", "status", "determined_on")
    list_filter_fields = ("kind", "key_area", "severity", "status")
    list_search_fields = ("number", "subject__name", "facts")


class PunishmentMeasureViewset(ScopedReadonlyViewset):
    model = PunishmentMeasure
    scope = staticmethod(permissions.measures_visible_to)
    icon = "gavel"
    title = _("惩戒措施")
    list_columns = ("record", "kind", "imposed_by", "imposed_on", "status", "lifted_on")
    list_filter_fields = ("kind", "status")
    list_search_fields = ("record__number", "record__subject__name")


class SubjectViewset(ScopedReadonlyViewset):
    model = Subject
    scope = staticmethod(permissions.subjects_visible_to)
    icon = "account_balance"
    title = _("政务主体")
    list_columns = ("name", "kind", "uscc", "jurisdiction")
    list_filter_fields = ("kind",)
    list_search_fields = ("name", "uscc")
