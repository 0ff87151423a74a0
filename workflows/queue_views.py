"""A department's queue: what waits for it, most urgent first.

Rows are the open viewflow tasks offered to the department (or claimed by
one of its people), each with the case's reply deadline and the working days
left; then the measures it must lift and the reports it must confirm.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from calendars.clock import beijing_today
from casework.backends import department_permission
from casework.models import Deadline, MeasureLifting, ObjectionCase, PlatformReport, Role
from casework.models.deadlines import DeadlineKind
from casework.permissions import is_staff_role, objections_visible_to
from casework.selectors import urgency, working_days_left
from workflows.flows import ObjectionFlow


def _due_dates(owner_model, ids, kind) -> dict:
    ct = ContentType.objects.get_for_model(owner_model)
    rows = Deadline.objects.filter(owner_type=ct, owner_id__in=list(ids), kind=kind).values_list(
        "owner_id", "due_date", "met_at", "provisional"
    )
    return {owner_id: (due, met, provisional) for owner_id, due, met, provisional in rows}


def _task_rows(user, today):
    tasks = (
        Task.objects.filter(
            process__flow_class=ObjectionFlow, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED],
            owner_permission=department_permission(user.department_id),
        )
        .select_related("process", "owner")
    )
    tasks = list(tasks)
    case_ids = {task.process.artifact_object_id for task in tasks}
    cases = ObjectionCase.objects.select_related("subject", "record").in_bulk(case_ids)
    dues = _due_dates(ObjectionCase, case_ids, DeadlineKind.REPLY)
    rows = []
    for task in tasks:
        case = cases.get(task.process.artifact_object_id)
        if case is None:
            continue
        due, met, provisional = dues.get(case.pk, (None, None, False))
        left = working_days_left(due, today=today)
        rows.append({
            "task": task, "case": case, "step": task.flow_task.task_title, "due": due, "provisional": provisional,
            "days_left": left, "urgency": urgency(left),
            "url": task.flow_task.reverse("index", args=[task.process_id, task.pk]),
            "claimable": task.status == STATUS.NEW, "mine": task.owner_id == user.pk,
        })
    return _sorted(rows)


def _sorted(rows):
    # Most urgent first; paused clocks (no due date) after every dated row.
    return sorted(rows, key=lambda r: (r["due"] is None, r["due"] or today_max(), r["case"].number))


def today_max():
    import datetime

    return datetime.date.max


def _lifting_rows(user, today):
    liftings = list(
        MeasureLifting.objects.filter(department_id=user.department_id, confirmed_at__isnull=True)
        .select_related("measure__record__subject")
    )
    dues = _due_dates(MeasureLifting, [lifting.pk for lifting in liftings], DeadlineKind.MEASURE_LIFTING)
    cases = ObjectionCase.objects.in_bulk({lifting.case_id for lifting in liftings})
    rows = []
    for lifting in liftings:
        due, _, provisional = dues.get(lifting.pk, (None, None, False))
        left = working_days_left(due, today=today)
        rows.append({"lifting": lifting, "case": cases.get(lifting.case_id), "due": due, "days_left": left,
                     "urgency": urgency(left), "provisional": provisional})
    return _sorted([r for r in rows if r["case"] is not None])


def _report_rows(user, today):
    case_ids = ObjectionCase.objects.filter(handling_department_id=user.department_id).values("pk")
    reports = list(
        PlatformReport.objects.filter(
            delivered_at__isnull=True, case_type=ContentType.objects.get_for_model(ObjectionCase),
            case_id__in=case_ids,
        ).select_related("record", "subject")
    )
    dues = _due_dates(PlatformReport, [r.pk for r in reports], DeadlineKind.PROVINCIAL_REPORT)
    cases = ObjectionCase.objects.in_bulk({r.case_id for r in reports})
    rows = []
    for report in reports:
        due, _, provisional = dues.get(report.pk, (None, None, False))
        left = working_days_left(due, today=today)
        rows.append({"report": report, "case": cases[report.case_id], "due": due, "days_left": left,
                     "urgency": urgency(left), "provisional": provisional})
    return _sorted(rows)


def _supervised_rows(user, today):
    open_cases = list(
        objections_visible_to(user)
        .exclude(status__in=["closed", "withdrawn", "not_accepted"])
        .select_related("subject", "record", "handling_department")[:500]
    )
    dues = _due_dates(ObjectionCase, [c.pk for c in open_cases], DeadlineKind.REPLY)
    rows = []
    for case in open_cases:
        due, met, provisional = dues.get(case.pk, (None, None, False))
        left = None if met else working_days_left(due, today=today)
        rows.append({"case": case, "due": None if met else due, "days_left": left,
                     "urgency": "met" if met else urgency(left), "provisional": provisional})
    return _sorted(rows)


@login_required
def department_queue(request):
    if not is_staff_role(request.user):
        raise PermissionDenied
    today = beijing_today()
    user = request.user
    context = {"today": today}
    if user.role == Role.HANDLER:
        context.update(
            tasks=_task_rows(user, today), liftings=_lifting_rows(user, today), reports=_report_rows(user, today),
            department=user.department,
        )
    else:
        context.update(supervised=_supervised_rows(user, today))
    return render(request, "workflows/queue.html", context)


@login_required
@require_POST
def claim_task(request, task_pk: int):
    """Claim (认领) a task of one's department."""
    with transaction.atomic():
        task = get_object_or_404(Task.objects.select_for_update(), pk=task_pk, process__flow_class=ObjectionFlow)
        if task.status != STATUS.NEW or not task.flow_task.can_assign(request.user, task):
            messages.error(request, "该任务已被认领或您无权认领。")
        else:
            task.flow_task.activation_class(task).assign(request.user)
            messages.success(request, "已认领。")
    return HttpResponseRedirect(request.POST.get("next") or "../../")
