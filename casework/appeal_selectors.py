"""Reads of appeals against a repair decision, for the staff and portal pages."""

import datetime

from casework.models import RepairAppeal, User
from casework.selectors import case_deadlines, timeline_rows


def appeal_get_for_user(*, user: User, number: str) -> RepairAppeal | None:
    """The appeal by number if `user` may see it; None otherwise (never 'forbidden')."""
    from casework.permissions import appeals_visible_to

    return (appeals_visible_to(user).select_related("subject", "handling_office", "repair",
                                                    "repair__determining_department", "repair__record")
            .filter(number=number).first())


def appeal_detail(case: RepairAppeal, *, today: datetime.date) -> dict:
    from letters.selectors import letters_about

    return {
        "case": case,
        "appeal": case,
        "repair": case.repair,
        "evidence": case.evidence.all(),
        "deadlines": case_deadlines(case, today=today),
        "letters": letters_about(case),
        "timeline": timeline_rows(case),
    }
