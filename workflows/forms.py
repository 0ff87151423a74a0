"""Forms for the staff's actions on a case: they parse, the services decide."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import KeyArea, NonAcceptanceReason, ObjectionOutcome, Severity


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("不予受理理由"), choices=NonAcceptanceReason.choices)
    explanation = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MaterialsForm(forms.Form):
    materials = forms.CharField(
        label=_("需补正的材料（每行一项）"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DecideForm(forms.Form):
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


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("省级平台回执号"), max_length=64)


class LiftingForm(forms.Form):
    measure_id = forms.IntegerField(widget=forms.HiddenInput)


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
