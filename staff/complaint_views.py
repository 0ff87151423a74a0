"""Staff pages of a complaint: the shared case pages, with the complainant's identity
added only for who may see it (the handling office, administrators)."""

from casework.permissions import complaint_identity_visible_to
from staff.case_views import evidence_file, handle_case_page, letter_file, visible_case


def complaint_case_page(request, number: str):
    case = visible_case(request, "complaint", number)
    complainant = None
    if complaint_identity_visible_to(request.user, case) and not case.is_anonymous:
        complainant = {"name": case.complainant_name, "contact": case.complainant_contact}
    return handle_case_page(request, case, template="staff/case_page.html", extra={"complainant": complainant})


complaint_evidence_file = evidence_file("complaint")
complaint_letter_file = letter_file("complaint")
