"""The form field every evidence upload goes through (portal, public complaint form).

Several files in one input; each is checked by the service that keeps it
(`casework.evidence`: type from the content, size, count), so the field only collects them.
"""

from django import forms

# What the file picker offers: the types casework.evidence keeps (it checks the content).
ACCEPT = ".pdf,.jpg,.jpeg,.png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
