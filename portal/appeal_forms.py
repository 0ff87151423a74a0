from django import forms
from django.utils.translation import gettext_lazy as _

from casework.evidence_field import MultipleFileField
from casework.limits import LONG_TEXT_MAX, TEXT_ERRORS


class AppealForm(forms.Form):
    """A subject's appeal against the decision on its repair application."""

    grounds = forms.CharField(label=_("申诉理由"), widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("请写明对信用修复决定的哪些内容有异议，以及事实和理由。"),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
    files = MultipleFileField(label=_("证明材料"), required=False)
