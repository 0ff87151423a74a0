"""Staff pages of an appeal against a repair decision: the shared case pages (`staff.case_views`)
for the kind; its actions, labels and forms are declared in `workflows.actions`."""

from staff.case_views import case_page, evidence_file, letter_file

appeal_case_page = case_page("appeal")
appeal_evidence_file = evidence_file("appeal")
appeal_letter_file = letter_file("appeal")
