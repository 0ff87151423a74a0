"""The staff forms of an appeal against a repair decision (workflows.actions.APPEAL_ACTIONS)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.limits import LONG_TEXT_MAX, TEXT_ERRORS
from casework.models import AppealOutcome
from staff.forms import CaseForm, ComplaintAcceptForm, ComplaintNotAcceptForm, choose_one


# Accepting or refusing an appeal asks for what accepting or refusing a complaint asks for:
# an opinion that may stay empty, or the reason for not accepting it.
AppealAcceptForm = ComplaintAcceptForm
AppealNotAcceptForm = ComplaintNotAcceptForm


class AppealDecideForm(CaseForm):
    outcome = forms.ChoiceField(label=_("处理结论"), choices=choose_one(AppealOutcome.choices))
    reasons = forms.CharField(label=_("审查意见及理由"), widget=forms.Textarea(attrs={"rows": 5}),
                              max_length=LONG_TEXT_MAX, error_messages=TEXT_ERRORS)
