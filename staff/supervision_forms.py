from django import forms
from django.core.exceptions import ValidationError

from calendars import clock
from casework.models import Jurisdiction
from supervision.models import ReportKind


def _date_input():
    # <input type=date> takes ISO dates only; the locale's format (2026/09/30) would show an empty box.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """The dashboard's period; unbound, it shows the period the page shows (`initial`)."""

    start = forms.DateField(label="起始日期", required=False, widget=_date_input())
    end = forms.DateField(label="截止日期", required=False, widget=_date_input())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError("起始日期不能晚于截止日期。")
        return data


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label="报告类型", choices=ReportKind.choices)
    jurisdiction = forms.ModelChoiceField(label="行政区域", queryset=Jurisdiction.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2040)
    part = forms.IntegerField(label="季度/半年", min_value=1, max_value=4,
                              help_text="季度调度填1–4；半年通报填1（上半年）或2（下半年）")

    def __init__(self, *args, jurisdictions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = jurisdictions
        self.fields["year"].initial = clock.today().year

    def clean(self):
        data = super().clean()
        if data.get("kind") == ReportKind.INSPECTION and data.get("part") not in (1, 2):
            raise ValidationError("半年通报请填1（上半年）或2（下半年）。")
        return data
