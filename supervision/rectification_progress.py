"""Rectification progress of a report period, from the rectification cases and their limits.

A rectification case goes ordered → (written explanation) rectifying → (completion
report) under acceptance → accepted, or back to rectifying when the office returns the
completion report. A report for a past period must show where each case stood *then*,
not now: the state at the report's date is rebuilt from the dated events the case keeps
(its submissions, returns and closing time), so a report made again later says the same.
"""

import datetime

from django.db.models import Q

from calendars.index import WorkdayIndex
from casework.models import RectificationCase, RectificationStatus
from casework.models.deadlines import CaseKindCode, Deadline, DeadlineKind
from casework.models.rectifications import SubmissionKind
from letters.templatetags.letters_pdf import cn_date
from supervision.selectors import period_bounds


def _state_at(case: RectificationCase, cutoff: datetime.datetime) -> str:
    """The case's status just before `cutoff`, from its dated events."""
    if case.closed_at is not None and case.closed_at < cutoff:
        return RectificationStatus.ACCEPTED
    submitted = [s for s in case.submissions.all() if s.submitted_at < cutoff]
    returns = [r.returned_at for r in case.returns.all() if r.returned_at < cutoff]
    completions = [s.submitted_at for s in submitted if s.kind == SubmissionKind.COMPLETION]
    if completions and (not returns or max(completions) > max(returns)):
        return RectificationStatus.UNDER_ACCEPTANCE
    if any(s.kind == SubmissionKind.EXPLANATION for s in submitted):
        return RectificationStatus.RECTIFYING
    return RectificationStatus.ORDERED


def rectification_progress(*, scope_path: str, start: datetime.date, end: datetime.date, as_of: datetime.date,
                           calendar: WorkdayIndex) -> dict:
    """The period's rectification cases (ordered by `as_of` and not accepted before the period began),
    each with its state and limit at `as_of`, and the counts a report states."""
    first, after = period_bounds(start, end)
    cutoff = period_bounds(as_of, as_of)[1]
    cases = list(
        RectificationCase.objects.filter(subject__jurisdiction__path__startswith=scope_path, ordered_at__lt=cutoff)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=first))
        .select_related("subject", "supervisor_office").prefetch_related("submissions", "returns")
        .order_by("ordered_at", "id")
    )
    limits: dict[int, Deadline] = {}
    for deadline in (Deadline.objects.filter(case_kind=CaseKindCode.RECTIFICATION, kind=DeadlineKind.RECTIFICATION,
                                             case_id__in=[c.pk for c in cases], start_date__lte=as_of)
                     .order_by("id")):
        limits[deadline.case_id] = deadline  # the limit in force then: a later return set a new one
    counts = {"ordered": 0, "explained": 0, "returned": 0, "accepted": 0, "under_acceptance": 0, "overdue": 0}
    rows = []
    for case in cases:
        state = _state_at(case, cutoff)
        limit = limits.get(case.pk)
        due = limit.due_date if limit else None
        overdue = (state != RectificationStatus.ACCEPTED and due is not None and due < as_of
                   and (limit.met_at is None or limit.met_at >= cutoff))
        returns = sum(1 for r in case.returns.all() if first <= r.returned_at < after)
        counts["ordered"] += start <= case.ordered_on <= end
        counts["explained"] += any(s.kind == SubmissionKind.EXPLANATION and first <= s.submitted_at < after
                                   for s in case.submissions.all())
        counts["returned"] += returns
        counts["accepted"] += state == RectificationStatus.ACCEPTED
        counts["under_acceptance"] += state == RectificationStatus.UNDER_ACCEPTANCE
        counts["overdue"] += overdue
        rows.append({
            "case": case.number, "subject": case.subject.name, "office": case.supervisor_office.name,
            "ordered_on": case.ordered_on.isoformat(), "due": due.isoformat() if due else "",
            "state": str(RectificationStatus(state).label), "returns": returns,
            "late": calendar.working_days_between(due, as_of) if overdue else "",
        })
    return {"counts": counts, "rows": rows, "note": _note(counts, as_of=as_of, any_case=bool(rows))}


def _note(counts: dict, *, as_of: datetime.date, any_case: bool) -> str:
    if not any_case:
        return "本期无整改案件。"
    return (f"本期新下达整改通知{counts['ordered']}件，整改主体提交书面说明{counts['explained']}件，"
            f"退回整改{counts['returned']}次，验收通过{counts['accepted']}件；"
            f"截至{cn_date(as_of)}，待验收{counts['under_acceptance']}件，"
            f"逾期未完成整改{counts['overdue']}件。")
