"""Staff pages of an objection: the shared case pages (`staff.case_views`) for the kind;
its actions, labels and forms are declared in `workflows.actions`."""

from staff.case_views import case_page, evidence_file, letter_file

objection_case_page = case_page("objection")
objection_evidence_file = evidence_file("objection")
objection_letter_file = letter_file("objection")
