"""Forms for the staff's actions on a case: they parse, the services decide."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import KeyArea, NonAcceptanceReason, ObjectionOutcome, Severity


class CaseForm(forms.Form):
    """An action form; it is given the case it acts on (some offer its measures as choices)."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class RejectForm(CaseForm):
    reason = forms.ChoiceField(label=_("不予受理理由"), choices=NonAcceptanceReason.choices)
    explanation = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MaterialsForm(CaseForm):
    materials = forms.CharField(
        label=_("需补正的材料（每行一项）"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DecideForm(CaseForm):
    outcome = forms.ChoiceField(label=_("核查结论"), choices=ObjectionOutcome.choices)
    findings = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reasons = forms.CharField(label=_("结论理由"), widget=forms.Textarea(attrs={"rows": 3}))
    revoke = forms.BooleanField(label=_("撤销该记录"), required=False)
    facts = forms.CharField(label=_("更正后的失信事实"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    legal_basis = forms.CharField(label=_("更正后的认定依据"), widget=forms.Textarea(attrs={"rows": 2}),
                                  required=False)
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


class ReceiptForm(CaseForm):
    receipt = forms.CharField(label=_("省级平台回执号"), max_length=64)


class LiftingForm(CaseForm):
    measure_id = forms.IntegerField(widget=forms.HiddenInput)


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- credit repair ---


class RepairDecideForm(CaseForm):
    """Repair or not, and one decision (with reasons) per active measure of the record."""

    approved = forms.TypedChoiceField(
        label=_("审核结论"), coerce=lambda v: v == "1", choices=[("1", _("准予信用修复")), ("0", _("不予信用修复"))],
        widget=forms.RadioSelect,
    )
    findings = forms.CharField(label=_("审核情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reasons = forms.CharField(label=_("决定理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        from casework.models import MeasureStatus, RepairMeasureDecision

        self.measures = list(case.record.measures.filter(status=MeasureStatus.ACTIVE).select_related("imposed_by")
                             ) if case is not None else []
        for measure in self.measures:
            self.fields[f"decision_{measure.pk}"] = forms.ChoiceField(
                label=f"{measure.get_kind_display()}（{measure.imposed_by}）",
                choices=RepairMeasureDecision.choices, initial=RepairMeasureDecision.REJECT,
            )
            self.fields[f"reasons_{measure.pk}"] = forms.CharField(
                label=_("理由（不填则同决定理由）"), required=False, widget=forms.TextInput(),
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
