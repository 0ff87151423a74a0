"""Staff pages of a credit repair application: its action forms and labels."""

from staff import forms
from staff.case_views import case_page, evidence_file, letter_file

ACTION_FORMS = {
    "request-materials": forms.MaterialsForm,
    "decide": forms.RepairDecideForm,
    "confirm-report": forms.ReceiptForm,
    "confirm-lifting": forms.LiftingForm,
}
ACTION_LABELS = {
    "request-materials": "要求补正材料",
    "decide": "作出信用修复决定",
    "confirm-report": "确认已报送省级平台",
    "confirm-lifting": "确认已调整本部门措施",
}

repair_case_page = case_page("repair")
repair_evidence_file = evidence_file("repair")
repair_letter_file = letter_file("repair")
