"""Forms for the staff's actions on a case: they parse, the services decide."""

import json

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from casework.limits import BASIS_TEXT_MAX, ID_MAX, LIST_TEXT_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX, TEXT_ERRORS
from casework.models import (
    AccountabilityEntry,
    KeyArea,
    NonAcceptanceReason,
    ObjectionOutcome,
    Severity,
)


def choose_one(choices) -> list:
    """`choices` after an empty "请选择": an outcome is the handler's decision, never a default."""
    return [("", _("请选择")), *choices]


class CaseForm(forms.Form):
    """An action form; it is given the case it acts on (some offer its measures as choices)."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class RejectForm(CaseForm):
    reason = forms.ChoiceField(label=_("不予受理理由"), choices=choose_one(NonAcceptanceReason.choices))
    explanation = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                  max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class MaterialsForm(CaseForm):
    materials = forms.CharField(
        label=_("需补正的材料（每行一项）"), widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LIST_TEXT_MAX, error_messages=TEXT_ERRORS,
    )


class DecideForm(CaseForm):
    outcome = forms.ChoiceField(label=_("核查结论"), choices=choose_one(ObjectionOutcome.choices))
    findings = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    reasons = forms.CharField(label=_("结论理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    revoke = forms.BooleanField(label=_("撤销该记录"), required=False)
    facts = forms.CharField(label=_("更正后的失信事实"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    legal_basis = forms.CharField(label=_("更正后的认定依据"), widget=forms.Textarea(attrs={"rows": 2}),
                                  required=False, max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    severity = forms.ChoiceField(label=_("更正后的严重程度"), choices=[("", "（不变）"), *Severity.choices],
                                 required=False)
    key_area = forms.ChoiceField(label=_("更正后的重点领域"), choices=[("", "（不变）"), *KeyArea.choices],
                                 required=False)

    def payload(self) -> dict:
        data = self.cleaned_data
        correction = {
            name: data[name] for name in ("facts", "legal_basis", "severity", "key_area") if data.get(name)
        }
        return {
            "outcome": data["outcome"],
            "findings": data["findings"],
            "reasons": data["reasons"],
            "revoke": data["revoke"],
            "correction": correction or None,
        }


class LiftingForm(CaseForm):
    measure_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=ID_MAX)


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- credit repair ---


class RepairDecideForm(CaseForm):
    """Repair or not, and one decision (with reasons) per active measure of the record."""

    approved = forms.TypedChoiceField(
        label=_("审核结论"), coerce=lambda v: v == "1", choices=[("1", _("准予信用修复")), ("0", _("不予信用修复"))],
        widget=forms.RadioSelect,
    )
    findings = forms.CharField(label=_("审核情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    reasons = forms.CharField(label=_("决定理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        from casework.models import MeasureStatus, RepairMeasureDecision

        self.measures = list(case.record.measures.filter(status=MeasureStatus.ACTIVE).select_related("imposed_by")
                             ) if case is not None else []
        for measure in self.measures:
            self.fields[f"decision_{measure.pk}"] = forms.ChoiceField(
                label=f"{measure.get_kind_display()}（{measure.imposed_by}）",
                choices=choose_one(RepairMeasureDecision.choices),
            )
            self.fields[f"reasons_{measure.pk}"] = forms.CharField(
                label=_("理由（不填则同决定理由）"), required=False, widget=forms.TextInput(),
                max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS,
            )

    def payload(self) -> dict:
        data = self.cleaned_data
        return {
            "approved": data["approved"],
            "findings": data["findings"],
            "reasons": data["reasons"],
            "decisions": [
                {"measure": m.pk, "decision": data[f"decision_{m.pk}"], "reasons": data[f"reasons_{m.pk}"]}
                for m in self.measures
            ],
        }


class ExtendForm(CaseForm):
    """Extending the case's time limit once (延期): how many working days, and why (printed in the notice)."""

    days = forms.IntegerField(
        label=_("延长的工作日数"), min_value=1,
        error_messages={"required": _("请填写延长的工作日数。"), "invalid": _("请填写整数。"),
                        "min_value": _("延长的工作日数至少为1个。")},
    )
    reason = forms.CharField(
        label=_("延长理由（将写入延期通知书）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=SHORT_TEXT_MAX,
        error_messages={**TEXT_ERRORS, "required": _("请写明延长期限的理由。")},
    )

    def __init__(self, *args, case=None, **kwargs):
        from casework.extension_rules import extension_rule

        super().__init__(*args, case=case, **kwargs)
        rule = extension_rule(case) if case is not None else None
        if rule is not None:
            most = rule.max_working_days
            field = self.fields["days"]
            field.max_value = most
            field.widget.attrs["max"] = most
            field.validators.append(MaxValueValidator(most, message=_("延长的工作日数不能超过%(limit_value)s个。")))
            field.help_text = _("自原定期限届满之日的次日起算，最多%(n)d个工作日，只能延长一次。") % {"n": most}


# --- rectification ---


class RectificationReturnForm(CaseForm):
    reasons = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    new_limit_date = forms.DateField(
        label=_("新的整改期限（可不填）"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("不填则仍按原整改期限；遇节假日顺延至下一个工作日。"),
    )


class RectificationAcceptForm(CaseForm):
    opinion = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)


class AccountabilityForm(CaseForm):
    person = forms.CharField(
        label=_("主要责任人"), max_length=AccountabilityEntry._meta.get_field("person").max_length,
        error_messages=TEXT_ERRORS,
    )
    position = forms.CharField(
        label=_("职务"), max_length=AccountabilityEntry._meta.get_field("position").max_length,
        error_messages=TEXT_ERRORS,
    )
    action_taken = forms.CharField(label=_("问责处理情况"), widget=forms.Textarea(attrs={"rows": 2}),
                                   max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)


class RectificationOrderForm(forms.Form):
    """An order to one government: the records it names, what to fix, the time limit."""

    records = forms.TypedMultipleChoiceField(label=_("所涉失信记录"), coerce=int, widget=forms.CheckboxSelectMultiple)
    requirements = forms.CharField(label=_("整改要求（每行一项）"), widget=forms.Textarea(attrs={"rows": 5}),
                                   max_length=LIST_TEXT_MAX, error_messages=TEXT_ERRORS)
    basis = forms.CharField(label=_("整改依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            max_length=BASIS_TEXT_MAX, error_messages=TEXT_ERRORS)
    limit_date = forms.DateField(label=_("整改期限：日期"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("遇节假日顺延至下一个工作日。"))
    limit_working_days = forms.IntegerField(label=_("或：下达之日起的工作日数"), required=False, min_value=1,
                                            max_value=250)

    def __init__(self, *args, records=(), default_days: int = 20, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [
            (r.pk, f"{r.number} {r.get_key_area_display()} {r.get_severity_display()}（{r.determined_by}，"
                   f"{r.determined_on:%Y-%m-%d}认定，{r.get_status_display()}）")
            for r in records
        ]
        self.fields["limit_working_days"].help_text = _("日期与工作日数二者选一；都不填则为%(n)d个工作日。") % {
            "n": default_days}


# --- complaints (workflows.actions.COMPLAINT_ACTIONS) ---------------------------------

class ComplaintAcceptForm(CaseForm):
    """Also the appeal's (staff.appeal_forms)."""

    reason = forms.CharField(label=_("受理意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class ComplaintNotAcceptForm(CaseForm):
    """Also the appeal's (staff.appeal_forms)."""

    reason = forms.CharField(label=_("不予受理理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class ComplaintTransferForm(CaseForm):
    department_id = forms.TypedChoiceField(label=_("承办的主管部门"), coerce=int)
    requirements = forms.CharField(label=_("转办要求"), widget=forms.Textarea(attrs={"rows": 3}),
                                   max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    working_days = forms.IntegerField(label=_("办理期限（工作日）"), required=False, min_value=1, max_value=60)

    def __init__(self, *args, case=None, **kwargs):
        from casework.limits import limit
        from casework.models import Department

        super().__init__(*args, case=case, **kwargs)
        departments = Department.objects.none()
        if case is not None:
            departments = (Department.objects.filter(
                jurisdiction__path__startswith=case.handling_office.jurisdiction.path)
                .exclude(pk=case.handling_office_id).select_related("jurisdiction")
                .order_by("jurisdiction__path", "name"))
        self.fields["department_id"].choices = [("", "——请选择——")] + [
            (d.pk, f"{d.jurisdiction.name} {d.name}") for d in departments]
        self.fields["working_days"].help_text = _("不填则为%(n)d个工作日。") % {
            "n": limit("complaint_transfer_working_days")}


class ComplaintFindingsForm(CaseForm):
    findings = forms.CharField(label=_("调查核实情况"), widget=forms.Textarea(attrs={"rows": 4}),
                               max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)


class ComplaintAnswerForm(CaseForm):
    answer = forms.CharField(label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)


class ComplaintLinkForm(CaseForm):
    record_number = forms.CharField(label=_("失信记录编号"), required=False, max_length=32)
    rectification_number = forms.CharField(label=_("整改编号"), required=False, max_length=32)
