"""The staff forms of an appeal against a repair decision (workflows.actions.APPEAL_ACTIONS)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX, TEXT_ERRORS
from casework.models import AppealOutcome
from staff.forms import CaseForm, choose_one


class AppealAcceptForm(CaseForm):
    reason = forms.CharField(label=_("受理意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class AppealNotAcceptForm(CaseForm):
    reason = forms.CharField(label=_("不予受理理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=SHORT_TEXT_MAX, error_messages=TEXT_ERRORS)


class AppealDecideForm(CaseForm):
    outcome = forms.ChoiceField(label=_("处理结论"), choices=choose_one(AppealOutcome.choices))
    reasons = forms.CharField(label=_("审查意见及理由"), widget=forms.Textarea(attrs={"rows": 5}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
