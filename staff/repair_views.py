"""Staff pages of a credit repair application: the shared case pages (`staff.case_views`)
for the kind; its actions, labels and forms are declared in `workflows.actions`."""

from staff.case_views import case_page, evidence_file, letter_file

repair_case_page = case_page("repair")
repair_evidence_file = evidence_file("repair")
repair_letter_file = letter_file("repair")
