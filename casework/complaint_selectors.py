"""Reads of complaints for the staff pages (the other kinds' are in casework.selectors).

A complaint's detail carries the complainant's identity only for who may see it
(`complaint_identity_visible_to`); everyone else gets the case without it, so no
template or answer can show it by mistake.
"""

import datetime

from casework.models import ComplaintCase, User
from casework.selectors import case_deadlines, timeline_rows


def complaint_get_for_user(*, user: User, number: str) -> ComplaintCase | None:
    """The complaint by number if `user` may see it; None otherwise (never 'forbidden')."""
    from casework.permissions import complaints_visible_to

    return (complaints_visible_to(user).select_related("subject", "handling_office", "transferred_to", "duplicate_of")
            .filter(number=number).first())


def complaint_detail(case: ComplaintCase, *, today: datetime.date) -> dict:
    from letters.selectors import letters_about

    return {
        "case": case,
        "complaint": case,
        "evidence": case.evidence.all(),
        "deadlines": case_deadlines(case, today=today),
        "letters": letters_about(case),
        "timeline": timeline_rows(case),
        "duplicates": case.duplicates.order_by("received_at"),
        "records": case.records.order_by("number"),
        "rectifications": case.rectifications.order_by("number"),
    }
