from django import forms
from django.utils.translation import gettext_lazy as _

from letters.codes import code_normalise

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class CodeForm(forms.Form):
    code = forms.CharField(label=_("核验码"), max_length=32,
                           widget=forms.TextInput(attrs={"placeholder": "XXXX-XXXX-XXXX", "autocomplete": "off"}))

    def clean_code(self):
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("核验码为12位字母或数字，请核对后重新输入。"))
        return code


class UploadForm(forms.Form):
    pdf = forms.FileField(label=_("电子文件（PDF）"))

    def clean_pdf(self):
        f = self.cleaned_data["pdf"]
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过20MB，不可能是本系统签发的函件。"))
        return f
