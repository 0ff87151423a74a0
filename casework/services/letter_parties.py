"""What every case letter states beyond its facts: the kind of subject (the
remedies open to it differ), the bodies it may turn to, and whom to call.

docs/rules.md says which remedy each kind of subject has and where that comes from.
"""

from casework.errors import DomainError
from casework.models import Department, Jurisdiction

# Letters only a joint-conference office (联席会议办公室) may issue: the plan's
# 二（七） and 二（九） give ordering, accepting a rectification and the
# quarterly and half-yearly reports to that office alone; its 督导 (二（七）) is
# also where a 督办函 comes from.
SUPERVISOR_OFFICE_KINDS = frozenset({
    "rectification_order", "rectification_acceptance",
    "supervision_quarterly_report", "supervision_inspection_report", "oversight_notice",
})


def issuer_check(*, department: Department, kind: str) -> None:
    """Refuse a letter its department may not issue."""
    if kind in SUPERVISOR_OFFICE_KINDS and not department.is_supervisor_office:
        raise DomainError({"department": f"{department.name}不是社会信用体系建设联席会议办公室，不能签发此类文书。"})


def _office_of(jurisdiction: Jurisdiction | None) -> Department | None:
    if jurisdiction is None:
        return None
    return Department.objects.filter(jurisdiction=jurisdiction, is_supervisor_office=True).order_by("id").first()


def remedy_office_name(department: Department) -> str:
    """The joint-conference office a subject turns to about `department`'s letter:
    the office of the department's own jurisdiction, or the one a level up when
    the department is that office."""
    jurisdiction = department.jurisdiction
    if department.is_supervisor_office:
        jurisdiction = jurisdiction.parent or jurisdiction
    office = _office_of(jurisdiction)
    return office.name if office else f"{jurisdiction.name}社会信用体系建设联席会议办公室"


def letter_parties(*, subject, department: Department) -> dict:
    """The letter context keys `subject_kind`, `remedy_office`, `review_government`,
    `contact_person`, `contact_phone` (empty ones left out)."""
    parties = {
        "subject_kind": getattr(subject, "kind", "") or "",
        "remedy_office": remedy_office_name(department),
        # 行政复议 against a local government department's act lies with the government
        # of the same level (行政复议法, docs/rules.md).
        "review_government": f"{department.jurisdiction.name}人民政府",
        "contact_person": department.contact_person,
        "contact_phone": department.contact_phone,
    }
    return {key: value for key, value in parties.items() if value}
