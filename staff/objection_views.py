"""Staff pages of an objection: what is particular to the kind (its action
forms and labels). The pages themselves are `staff.case_views`."""

from staff import forms
from staff.case_views import case_page, evidence_file, letter_file

ACTION_FORMS = {
    "accept": None,
    "reject": forms.RejectForm,
    "request-materials": forms.MaterialsForm,
    "decide": forms.DecideForm,
    "reply": None,
    "confirm-report": forms.ReceiptForm,
    "confirm-lifting": forms.LiftingForm,
}
ACTION_LABELS = {
    "accept": "受理并转入核查",
    "reject": "不予受理",
    "request-materials": "要求补正材料",
    "decide": "作出核查结论",
    "reply": "出具书面答复",
    "confirm-report": "确认已报送省级平台",
    "confirm-lifting": "确认已解除本部门措施",
}

objection_case_page = case_page("objection")
objection_evidence_file = evidence_file("objection")
objection_letter_file = letter_file("objection")
