"""Admin for reference data. Writes go through the services, as everywhere."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from casework.classification import Classification, validate_not_classified
from casework.models import CreditRecord, Department, Jurisdiction, PunishmentMeasure, Subject, User
from casework.services.organisation import jurisdiction_save
from casework.services.subjects import subject_save
from casework.services.records import credit_record_create

admin.site.site_header = _("政务诚信异议·整改·修复 管理后台")
admin.site.site_title = _("管理后台")


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")

    def save_model(self, request, obj, form, change):
        jurisdiction_save(jurisdiction=obj)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "is_determining", "is_platform_operator", "is_supervisor_office")
    list_filter = ("is_determining", "is_platform_operator", "is_supervisor_office", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction",)


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "uscc", "jurisdiction")
    list_filter = ("kind", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction", "employer")

    def save_model(self, request, obj, form, change):
        subject_save(subject=obj, acting_user=request.user)


class CreditRecordAddForm(forms.ModelForm):
    classification = forms.ChoiceField(
        label=_("密级"),
        choices=Classification.choices,
        initial=Classification.NONE,
        help_text=_("涉密信息依法不得归集，选择密级的记录将被拒绝且不保存任何内容。"),
    )

    class Meta:
        model = CreditRecord
        fields = (
            "subject", "kind", "key_area", "determined_by", "platform_level",
            "facts", "legal_basis", "determined_on", "severity", "is_published",
        )

    def clean(self):
        # The same check the service makes, run here so the admin shows it on
        # the form instead of failing on save.
        data = super().clean()
        validate_not_classified(
            classification=data.get("classification", Classification.NONE),
            texts={"facts": data.get("facts", ""), "legal_basis": data.get("legal_basis", "")},
        )
        return data


class PunishmentMeasureInline(admin.TabularInline):
    model = PunishmentMeasure
    extra = 0
    can_delete = False
    fields = ("kind", "imposed_by", "imposed_on", "status", "lifted_on")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CreditRecord)
class CreditRecordAdmin(admin.ModelAdmin):
    list_display = ("number", "subject", "kind", "key_area", "determined_by", "severity", "status", "determined_on")
    list_filter = ("kind", "key_area", "severity", "status", "platform_level")
    search_fields = ("number", "subject__name")
    inlines = [PunishmentMeasureInline]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CreditRecordAddForm
        return super().get_form(request, obj, **kwargs)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_change_permission(self, request, obj=None):
        # A record changes only through a case (objection, repair), never by
        # hand: the admin shows it read-only.
        return False

    def save_model(self, request, obj, form, change):
        created = credit_record_create(acting_user=request.user, **form.cleaned_data)
        obj.pk, obj.number = created.pk, created.number


@admin.register(PunishmentMeasure)
class PunishmentMeasureAdmin(admin.ModelAdmin):
    list_display = ("record", "kind", "imposed_by", "imposed_on", "status", "lifted_on")
    list_filter = ("kind", "status")
    search_fields = ("record__number", "record__subject__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "role", "subject", "department", "jurisdiction", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + ((_("角色与范围"), {"fields": ("role", "subject", "department", "jurisdiction")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("角色与范围"), {"fields": ("role", "subject", "department", "jurisdiction")}),)
    autocomplete_fields = ("subject", "department", "jurisdiction")
