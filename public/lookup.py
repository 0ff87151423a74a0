"""Following a case without an account: its number together with the subject's credit code.

The case kinds are read through one table, LOOKUP_KINDS, so a new kind (the
complaint) plugs in with one entry: its model, its label, and how a visitor
proves the case is theirs (for the three kinds here, the subject's unified
social credit code; a complaint will bring its own lookup code).

What is shown: status in plain words, the time limits and how each due date
was counted, the numbers and dates of the letters — never their contents,
never names of officers, never grounds or evidence.
"""

import dataclasses
from typing import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from calendars.explain import Explanation, explain
from casework.models import (
    ComplaintCase,
    Deadline,
    ObjectionCase,
    RectificationCase,
    RepairAppeal,
    RepairCase,
)
from casework.services.complaints import complaint_lookup_matches
from letters.selectors import letters_about


def _subject_code_matches(case, code: str) -> bool:
    return bool(case.subject.uscc) and case.subject.uscc.upper() == code


@dataclasses.dataclass(frozen=True)
class LookupKind:
    label: str
    model: type[Model]
    # Whether `code` (as typed, upper-cased and stripped) proves the visitor may see `case`.
    matches: Callable[[Model, str], bool] = _subject_code_matches
    # The day the case began: received (lodged, applied for) or ordered.
    received_field: str = "received_on"
    received_label: str = "收到日期"
    answer_field: str = ""  # a text shown in full: the complaint's answer


LOOKUP_KINDS = (
    LookupKind("信用信息异议", ObjectionCase),
    LookupKind("信用修复", RepairCase),
    LookupKind("信用修复申诉", RepairAppeal),
    LookupKind("整改", RectificationCase, received_field="ordered_on", received_label="下达日期"),
    # The complainant's own code; the "subject" shown is the body complained about, and the
    # answer is shown (it is addressed to the complainant; an anonymous one reads it only here).
    LookupKind("政务失信投诉", ComplaintCase, matches=complaint_lookup_matches, answer_field="answer"),
)


@dataclasses.dataclass(frozen=True)
class DeadlineView:
    label: str
    start_date: object
    working_days: int
    due_date: object
    met: bool
    paused: bool
    explanation: Explanation | None


@dataclasses.dataclass(frozen=True)
class LetterView:
    title: str
    number: str
    issued_on: object


@dataclasses.dataclass(frozen=True)
class LookupResult:
    kind: str
    number: str
    status: str
    received_label: str
    received_on: object
    subject_name: str
    deadlines: tuple[DeadlineView, ...]
    letters: tuple[LetterView, ...]
    answer: str = ""


def _find(number: str):
    for kind in LOOKUP_KINDS:
        case = kind.model.objects.select_related("subject").filter(number=number).first()
        if case is not None:
            return kind, case
    return None, None


def _deadline_view(deadline: Deadline) -> DeadlineView:
    closed = [(first, last) for first, last in deadline.paused_spans or [] if last is not None]
    paused = any(last is None for _first, last in deadline.paused_spans or [])
    explanation = None
    if deadline.due_date is not None and not paused:
        explanation = explain(deadline.start_date, deadline.working_days, paused=closed)
    return DeadlineView(
        label=str(deadline.get_kind_display()), start_date=deadline.start_date, working_days=deadline.working_days,
        due_date=deadline.due_date, met=deadline.met_at is not None, paused=paused, explanation=explanation,
    )


def case_lookup(*, number: str, code: str) -> LookupResult | None:
    """The public view of case `number` if `code` proves it, else None (unknown and wrong alike)."""
    number = (number or "").strip().upper()
    code = (code or "").strip().upper()
    if not number or not code:
        return None
    kind, case = _find(number)
    if case is None or not kind.matches(case, code):
        return None
    deadlines = Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(case), owner_id=case.pk
    ).order_by("start_date", "id")
    letters = letters_about(case).filter(voided_at__isnull=True)
    return LookupResult(
        kind=kind.label, number=case.number, status=str(case.get_status_display()),
        received_label=kind.received_label, received_on=getattr(case, kind.received_field),
        subject_name=case.subject.name,
        deadlines=tuple(_deadline_view(d) for d in deadlines),
        letters=tuple(LetterView(title=str(letter.get_kind_display()), number=letter.number,
                                 issued_on=letter.issued_on) for letter in letters),
        answer=getattr(case, kind.answer_field) if kind.answer_field else "",
    )
