from django import forms
from django.utils.translation import gettext_lazy as _

from calendars.index import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, MAX_WORKING_DAYS
from calendars.models import DayKind

_DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_MAX_NOTICE_BYTES = 100_000


class CalculatorForm(forms.Form):
    received = forms.DateField(
        label=_("收到日期"), widget=_DATE_INPUT, help_text=_("收到申请之日，不计入期限")
    )
    working_days = forms.IntegerField(
        label=_("期限（工作日）"), initial=15, min_value=1, max_value=MAX_WORKING_DAYS,
        help_text=_("异议答复为15个工作日；报送省级平台为5个工作日"),
    )

    def clean_received(self):
        received = self.cleaned_data["received"]
        if not FIRST_DAY <= received <= LAST_DAY:
            raise forms.ValidationError(
                _("日期应在%(first)s至%(last)s之间。"), params={"first": FIRST_DAY, "last": LAST_DAY}
            )
        return received


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=_DATE_INPUT)
    kind = forms.ChoiceField(label=_("设置为"), choices=DayKind.choices)
    reason = forms.CharField(label=_("事由"), max_length=200)
    notice_ref = forms.CharField(
        label=_("依据文件"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"placeholder": "国办发明电〔2025〕7号"}),
    )


class NoticeImportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    notice_ref = forms.CharField(
        label=_("放假通知文号"), max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "国办发明电〔2026〕12号"}),
    )
    text = forms.CharField(
        label=_("放假和调休上班日期"), required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 60, "placeholder": "2027-01-01 休 元旦\n"
                                     "2027-02-05~2027-02-13 休 春节\n2027-02-20 班 春节调休上班"}),
        help_text=_("每行一条：日期或“日期~日期”、“休”或“班”、名称；# 之后为注释。"),
    )
    file = forms.FileField(label=_("或上传文本文件"), required=False, help_text=_("UTF-8 编码，格式同上"))
    fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > _MAX_NOTICE_BYTES:
                raise forms.ValidationError(_("文件过大：放假通知的日期清单不应超过100KB。"))
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("文件应为 UTF-8 编码的文本。")) from None
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("请粘贴或上传放假通知的日期清单。"))
        return cleaned
