"""The receipt (受理回执) a subject gets when a case is lodged, applied for or ordered.

Issued inside the lodging service's transaction, like every case letter, so a
case exists exactly when its receipt does; rendered after commit by the worker.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from casework.models import Deadline, Department, User
from casework.services.case_letters import case_letter_issue
from casework.services.deadlines import deadline_state_in_letter


def case_lookup_url(case) -> str:
    """The public lookup page for `case`, as printed in its receipt and QR code."""
    base = settings.LETTERS_PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{reverse('public:lookup')}?{urlencode({'number': case.number})}"


def case_receipt_issue(*, case, department: Department, case_kind: str, deadline: Deadline, basis: str,
                       acting_user: User | None, record_number: str = "", due_label: str = ""):
    """Issue `case`'s receipt: number, date received, due date and how it was counted, lookup link.

    Call inside the service's transaction, after `deadline` was created (with
    `stated_in_letter=True` when the receipt is what states it).
    """
    due_basis = f"自{deadline.start_date:%Y年%-m月%-d日}的次日起算{deadline.working_days}个工作日（{basis}）"
    context = {
        "case_number": case.number, "case_kind": case_kind, "subject_name": case.subject.name,
        "received_on": deadline.start_date.isoformat(), "due_on": deadline.due_date.isoformat(),
        "due_basis": due_basis, "lookup_url": case_lookup_url(case),
        **({"record_number": record_number} if record_number else {}),
        **({"due_label": due_label} if due_label else {}),
    }
    letter = case_letter_issue(case=case, department=department, kind="receipt", addressee=case.subject.name,
                               context=context, acting_user=acting_user)
    # The receipt states the due date to the subject: from now on it is never moved earlier.
    # A deadline created stated (deadline_create(stated_in_letter=True), in this transaction,
    # for this receipt) has it recorded already: no second write.
    if not (deadline.stated_in_letter and deadline.stated_due_date == deadline.due_date):
        deadline_state_in_letter(deadline=deadline, acting_user=acting_user)
    return letter
