from django import forms
from django.utils.translation import gettext_lazy as _


class RecordSearchForm(forms.Form):
    q = forms.CharField(
        label=_("主体名称或统一社会信用代码"), required=False, max_length=128,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class LookupForm(forms.Form):
    number = forms.CharField(label=_("案件编号"), max_length=32, help_text=_("受理回执上的编号，以 YY（异议）、XF（修复）或 ZG（整改）开头"))
    code = forms.CharField(
        label=_("统一社会信用代码或查询码"), max_length=18,
        help_text=_("申请单位（或被通知整改的政府）的18位代码；投诉举报填投诉时取得的查询码"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
