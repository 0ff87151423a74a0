"""The public complaint form: it parses; casework.services.complaints decides."""

from captcha.fields import CaptchaField
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.evidence import ACCEPTED_LABEL
from casework.evidence_field import MultipleFileField
from casework.limits import LONG_TEXT_MAX, PERSON_NAME_MAX, TEXT_ERRORS, limit
from casework.models import Subject, SubjectKind
from casework.models.complaints import CONTACT_MAX

BODY_MATCHES_SHOWN = 10


def bodies_matching(query: str):
    """Governments, departments and institutions whose name holds `query` or whose credit code it is."""
    query = (query or "").strip()
    if len(query) < 2:
        return Subject.objects.none()
    return (Subject.objects.exclude(kind=SubjectKind.CIVIL_SERVANT)
            .filter(Q(name__icontains=query) | Q(uscc=query.upper()))
            .select_related("jurisdiction").order_by("name", "id"))


class ComplaintForm(forms.Form):
    body = forms.CharField(
        label=_("被投诉单位"), max_length=128,
        help_text=_("输入单位名称中的文字或18位统一社会信用代码，如“长春市财政局”"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    subject = forms.TypedChoiceField(label=_("请选择被投诉单位"), coerce=int, required=False,
                                     widget=forms.RadioSelect)
    facts = forms.CharField(
        label=_("投诉事项"), max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS,
        help_text=_("写明该单位的哪些行为失信（如不履行合同、不兑现承诺、拖欠账款），经过和结果"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    occurred_on = forms.DateField(label=_("发生日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("记不清具体日期的，填写大致日期"))
    files = MultipleFileField(label=_("证据材料"), required=False)
    complainant_name = forms.CharField(label=_("您的姓名（选填）"), required=False, max_length=PERSON_NAME_MAX,
                                       widget=forms.TextInput(attrs={"autocomplete": "name"}))
    complainant_contact = forms.CharField(
        label=_("联系电话或电子邮箱（选填）"), required=False, max_length=CONTACT_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
        help_text=_("留下联系方式的，办理单位将向您书面答复。"),
    )
    captcha = CaptchaField(label=_("验证码"), help_text=_("请输入图片中的字符，看不清可刷新页面换一张"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _("%(types)s，最多%(n)d个，每个不超过%(mb)d MB（选填）") % {
            "types": ACCEPTED_LABEL, "n": limit("evidence_max_files"),
            "mb": limit("evidence_max_bytes") // (1024 * 1024)}
        self.matches = list(bodies_matching(self.data.get("body", ""))[:BODY_MATCHES_SHOWN]) if self.is_bound else []
        self.fields["subject"].choices = [(s.pk, f"{s.name}（{s.jurisdiction.name}）") for s in self.matches]

    def clean(self):
        data = super().clean()
        chosen = data.get("subject")
        if "body" not in data:
            return data
        if chosen and any(s.pk == chosen for s in self.matches):
            data["subject"] = next(s for s in self.matches if s.pk == chosen)
        elif len(self.matches) == 1:
            data["subject"] = self.matches[0]
        elif not self.matches:
            self.add_error("body", _("没有找到该单位，请换个名称或输入统一社会信用代码。"))
        else:
            self.add_error("subject", _("找到多个单位，请选择您要投诉的一个。"))
        return data
