from django import forms
from django.utils.translation import gettext_lazy as _

from casework.evidence_field import MultipleFileField
from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX, SUBMISSION_TEXT_MAX, TEXT_ERRORS, limit
from casework.models import ObjectionChannel
from casework.repair_requirements import (
    COMMITMENT_TEXT,
    MISSING_COMMITMENT,
    MISSING_COMMITMENT_FILE,
    MISSING_PROOF,
)


class LodgeForm(forms.Form):
    record = forms.TypedChoiceField(label=_("异议的信用记录"), coerce=int)
    channel = forms.ChoiceField(
        label=_("提出渠道"), choices=ObjectionChannel.choices, initial=ObjectionChannel.DEPARTMENT,
        widget=forms.RadioSelect,
    )
    grounds = forms.CharField(
        label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 6}), max_length=LONG_TEXT_MAX,
        error_messages=TEXT_ERRORS,
        help_text=_("写明记录中哪些内容与事实不符，以及事实依据。"),
    )
    evidence = MultipleFileField(
        label=_("证明材料"), required=False,
        help_text=_("PDF、JPG或PNG，单个文件不超过%(mb)d MB，最多%(n)d个。"),
    )

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [
            (r.pk, f"{r.number} {r.get_key_area_display()} {r.determined_by}（{r.determined_on:%Y-%m-%d}认定）")
            for r in records
        ]
        self.fields["evidence"].help_text = self.fields["evidence"].help_text % {
            "mb": limit("evidence_max_bytes") // 1048576, "n": limit("evidence_max_files"),
        }


class SupplyForm(forms.Form):
    note = forms.CharField(label=_("补正说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)
    evidence = MultipleFileField(label=_("补正材料"), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class RepairApplyForm(forms.Form):
    record = forms.TypedChoiceField(label=_("申请修复的失信记录"), coerce=int)
    losses_recovered = forms.CharField(label=_("主动挽回损失的情况"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    effects_removed = forms.CharField(label=_("消除不良影响的情况"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    harm_prevented = forms.CharField(label=_("有效阻止危害结果发生的情况"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}),
                                     max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    # Required here (国办发〔2025〕22号: 法定责任义务履行完毕的证明材料); the service leaves it
    # optional for API clients (casework.services.repairs.repair_apply says why).
    evidence = MultipleFileField(
        label=_("法定责任义务履行完毕的证明材料"), required=False,
        help_text=_("如付款凭证、整改完成的证明。PDF、JPG或PNG。"),
    )
    commitment_file = forms.FileField(
        label=_("信用承诺书（加盖公章）"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    # The label is the commitment itself: what the officer ticks is what the case keeps.
    commitment_signed = forms.BooleanField(label=COMMITMENT_TEXT, required=False)

    def clean(self):
        """Say every missing part at once; the service checks the commitment again."""
        data = super().clean()
        if not data.get("evidence") and "evidence" not in self.errors:
            self.add_error("evidence", _(MISSING_PROOF))
        if not data.get("commitment_signed"):
            self.add_error("commitment_signed", _(MISSING_COMMITMENT))
        if not data.get("commitment_file") and "commitment_file" not in self.errors:
            self.add_error("commitment_file", _(MISSING_COMMITMENT_FILE))
        return data

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [
            (r.pk, f"{r.number} {r.get_key_area_display()} {r.get_severity_display()}（{r.determined_on:%Y-%m-%d}认定）")
            for r in records
        ]


class RectificationSubmitForm(forms.Form):
    """One rectification material: its text and, if any, supporting files."""

    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=SUBMISSION_TEXT_MAX, error_messages=TEXT_ERRORS)
    evidence = MultipleFileField(label=_("附件（可不上传）"), required=False)

    def __init__(self, *args, kind_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if kind_label:
            self.fields["text"].label = kind_label
        self.fields["evidence"].help_text = _("PDF、JPG或PNG，单个文件不超过%(mb)d MB，最多%(n)d个。") % {
            "mb": limit("evidence_max_bytes") // 1048576, "n": limit("evidence_max_files"),
        }
