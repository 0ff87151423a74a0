"""Admin for reference data. Writes go through the services, as everywhere, and each is
audited with the administrator who made it. Nothing is deleted here: cases, letters and the
audit trail refer to these rows (a user is deactivated instead, 停用)."""

from copy import copy
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _, ngettext

from casework.classification import Classification, validate_not_classified
from casework.errors import DomainError
from casework.models import (
    AuditEntry, CaseExtension, CreditRecord, Department, Jurisdiction, PunishmentMeasure, Subject, User,
)
from casework.services.records import credit_record_create
from casework.services.reference_data import department_admin_save, jurisdiction_admin_save, subject_admin_save
from casework.services.users import user_admin_save, user_deactivate, user_password_set
from letters.kinds import KINDS as LETTER_KINDS

admin.site.site_header = _("政务诚信异议·整改·修复 管理后台")
admin.site.site_title = _("管理后台")


class NoDeleteAdmin(admin.ModelAdmin):
    """No delete view, no delete link, no bulk "delete selected"."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Jurisdiction)
class JurisdictionAdmin(NoDeleteAdmin):
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")

    def save_model(self, request, obj, form, change):
        jurisdiction_admin_save(jurisdiction=obj, acting_user=request.user)


class DepartmentAdminForm(forms.ModelForm):
    # The letter kinds by title, ticked, instead of a JSON list typed by hand.
    one_step_letter_kinds = forms.MultipleChoiceField(
        label=_("可一步出具的文书种类"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(kind.code, kind.title) for kind in LETTER_KINDS.values()],
        help_text=_("勾选的文书由承办人直接出具；未勾选的决定文书须经本部门审核、签发后方编号出具（默认均须审核签发）。"),
    )

    class Meta:
        model = Department
        fields = "__all__"


@admin.register(Department)
class DepartmentAdmin(NoDeleteAdmin):
    form = DepartmentAdminForm
    list_display = ("name", "jurisdiction", "is_determining", "is_platform_operator", "is_supervisor_office")
    list_filter = ("is_determining", "is_platform_operator", "is_supervisor_office", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction",)

    def save_model(self, request, obj, form, change):
        department_admin_save(department=obj, acting_user=request.user)


@admin.register(Subject)
class SubjectAdmin(NoDeleteAdmin):
    list_display = ("name", "kind", "uscc", "jurisdiction")
    list_filter = ("kind", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction", "employer")

    def save_model(self, request, obj, form, change):
        subject_admin_save(subject=obj, acting_user=request.user)


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
class CreditRecordAdmin(NoDeleteAdmin):
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
class PunishmentMeasureAdmin(NoDeleteAdmin):
    list_display = ("record", "kind", "imposed_by", "imposed_on", "status", "lifted_on")
    list_filter = ("kind", "status")
    search_fields = ("record__number", "record__subject__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change password" form, saving through `user_password_set` (audited)."""

    def __init__(self, user, *args, acting_user, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.acting_user = acting_user

    def save(self, commit=True):
        user = self.set_password_and_save(self.user, commit=False)
        return user_password_set(user=user, acting_user=self.acting_user) if commit else user


@admin.register(User)
class UserAdmin(NoDeleteAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "role", "subject", "department", "jurisdiction", "may_review",
                    "may_sign_off", "is_active")
    list_filter = ("role", "is_active", "may_review", "may_sign_off")
    # What a user may do follows from the role (casework/backends.py): no groups or per-user
    # permissions to hand out here, unaudited.
    fieldsets = tuple(
        (title, {**options, "fields": tuple(f for f in options["fields"]
                                            if f not in ("groups", "user_permissions"))})
        for title, options in DjangoUserAdmin.fieldsets
    ) + ((_("角色与范围"), {"fields": ("role", "subject", "department", "jurisdiction")}),
         (_("文书审核签发"), {"fields": ("may_review", "may_sign_off")}))
    readonly_fields = ("last_login", "date_joined")
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("角色与范围"), {"fields": ("role", "subject", "department", "jurisdiction")}),)
    autocomplete_fields = ("subject", "department", "jurisdiction")
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        user_admin_save(user=obj, acting_user=request.user)

    def user_change_password(self, request, id, form_url=""):
        # Django's view builds `self.change_password_form(user, data)`: a copy of this admin
        # per request gives the form the acting administrator without sharing state.
        per_request = copy(self)
        per_request.change_password_form = partial(AuditedPasswordChangeForm, acting_user=request.user)
        return DjangoUserAdmin.user_change_password(per_request, request, id, form_url)

    @admin.action(description=_("停用"), permissions=["change"])
    def deactivate(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                done += user_deactivate(user=user, acting_user=request.user)
            except DomainError as error:
                self.message_user(request, f"{user.username}：{'；'.join(error.messages)}", messages.ERROR)
        if done:
            message = ngettext("已停用 %(count)d 个用户。", "已停用 %(count)d 个用户。", done)
            self.message_user(request, message % {"count": done}, messages.SUCCESS)


@admin.register(AuditEntry)
class AuditEntryAdmin(NoDeleteAdmin):
    """The audit trail, to read: the database refuses any change to it anyway."""

    list_display = ("at", "action", "target_type", "target_id", "actor", "from_state", "to_state")
    list_filter = ("action", "target_type")
    search_fields = ("action", "reason", "actor__username")
    date_hierarchy = "at"
    list_select_related = ("actor", "target_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CaseExtension)
class CaseExtensionAdmin(NoDeleteAdmin):
    """The extensions of time limits (延期), to read: granted only by case_extend, never changed."""

    list_display = ("granted_at", "case_type", "case_id", "original_due_date", "new_due_date", "working_days",
                    "granted_by", "letter")
    list_filter = ("case_type",)
    date_hierarchy = "granted_at"
    list_select_related = ("case_type", "granted_by", "letter")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
