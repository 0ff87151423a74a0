from django import forms


class OversightIssueForm(forms.Form):
    reasons = forms.CharField(
        label="督办意见", min_length=5, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="写明逾期或即将到期的情况和办理要求，将印入督办函。",
    )


class OversightAnswerForm(forms.Form):
    text = forms.CharField(
        label="书面反馈", min_length=10, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="写明办理情况；未办结的，说明原因和预计办结时间。",
    )
