"""A department's queue: what waits for it, most urgent first, for every case kind.

Rows are the open viewflow tasks offered to the department (or claimed by
one of its people) in any case kind's flow, each with the case's deadline
and the working days left; then the measures it must lift or adjust and the
reports it must confirm. The case kinds come from `staff.kinds`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from calendars import clock
from casework.backends import department_permission
from casework.models import Deadline, MeasureLifting, PlatformReport, Role
from casework.models.deadlines import DeadlineKind
from casework.permissions import is_staff_role
from casework.selectors import urgency, working_days_left
from workflows.flow_scope import may_view_process
from staff.kinds import KINDS
from staff.queue_paging import UrlFormat, queue_page


def _case_urls():
    """Each case kind's page URL, reversed once per request: `urls[kind.code].format(number)`."""
    return {
        kind.code: UrlFormat(lambda n, kind=kind: reverse(kind.url_name, args=[n]), 1) for kind in KINDS.values()
    }


def _due_dates(owner_model, ids, kind) -> dict:
    ct = ContentType.objects.get_for_model(owner_model)
    # Oldest first, so the newest deadline of a kind wins (a returned rectification starts a new limit).
    ids = ids if isinstance(ids, QuerySet) else list(ids)
    rows = Deadline.objects.filter(owner_type=ct, owner_id__in=ids, kind=kind).order_by("id").values_list(
        "owner_id", "due_date", "met_at", "provisional"
    )
    return {owner_id: (due, met, provisional) for owner_id, due, met, provisional in rows}


def _task_keys(user) -> list[tuple]:
    """Every open human task offered to the user's department, as its sort key only, most urgent first:
    (no due date, due date, case number, task pk, kind, case pk, met, provisional).

    Plain values, no model instances: a department may have thousands of open tasks, and
    only one page of them becomes rows (`_task_rows`).
    """
    open_tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED],
        owner_permission=department_permission(user.department_id),
    )
    keys = []
    for kind in KINDS.values():
        # One query per kind, so no row's flow class has to be read back (it is resolved per value).
        of_kind = open_tasks.filter(process__flow_class=kind.flow)
        mine = list(of_kind.values_list("pk", "process__artifact_object_id"))
        # The cases' numbers and deadlines by a subquery over the same tasks: PostgreSQL joins it,
        # where a list of thousands of ids is thousands of parameters to send and plan.
        case_ids = of_kind.values("process__artifact_object_id")
        numbers = dict(kind.model.objects.filter(pk__in=case_ids).values_list("pk", "number")) if mine else {}
        dues = _due_dates(kind.model, case_ids, kind.due_kind) if mine else {}
        for task_pk, case_pk in mine:
            if case_pk not in numbers:
                continue
            due, met, provisional = dues.get(case_pk, (None, None, False))
            keys.append(
                (due is None, due or today_max(), numbers[case_pk], task_pk, kind, case_pk, met, provisional)
            )
    keys.sort(key=lambda key: key[:3])  # most urgent first; paused clocks (no due date) after every dated row
    return keys


def _task_rows(user, today, case_urls, keys) -> list[dict]:
    """The queue rows of `keys` (one page of `_task_keys`), in their order."""
    task_urls = {}  # flow node → its task page URL with (process, task) to fill in
    claim_url = UrlFormat(lambda pk: reverse("work:queue:claim", args=[pk]), 1, as_int=True)
    tasks = Task.objects.select_related("process", "owner").in_bulk([key[3] for key in keys])
    cases = {}
    for kind in KINDS.values():
        ids = [key[5] for key in keys if key[4] is kind]
        cases[kind.code] = kind.model.objects.select_related("subject").in_bulk(ids) if ids else {}
    rows = []
    for _, due, _, task_pk, kind, case_pk, met, provisional in keys:
        task, case = tasks[task_pk], cases[kind.code][case_pk]
        due = None if due == today_max() else due
        # A met deadline (a rectification's limit, once the completion report is in) is no longer running.
        left = None if met else working_days_left(due, today=today)
        flow_task = task.flow_task
        if flow_task not in task_urls:
            task_urls[flow_task] = UrlFormat(
                lambda p, t, f=flow_task: f.reverse("index", args=[p, t]), 2, as_int=True
            )
        rows.append({
            "task": task, "case": case, "kind": kind, "case_url": case_urls[kind.code].format(case.number),
            "received": getattr(case, kind.received_field), "step": flow_task.task_title, "due": due,
            "provisional": provisional, "days_left": left, "urgency": "met" if met else urgency(left),
            "late_by": _late_by(due, met),
            "url": task_urls[flow_task].format(task.process_id, task.pk), "claim_url": claim_url.format(task.pk),
            "claimable": task.status == STATUS.NEW, "mine": task.owner_id == user.pk,
        })
    return rows


def _late_by(due, met) -> int:
    from calendars.arithmetic import working_days_between
    from calendars.clock import beijing_date

    if not met or due is None:
        return 0
    met_on = beijing_date(met)
    return working_days_between(due, met_on) if met_on > due else 0


def _sorted(rows):
    # Most urgent first; paused clocks (no due date) after every dated row.
    return sorted(rows, key=lambda r: (r["due"] is None, r["due"] or today_max(), r["case"].number))


def today_max():
    import datetime

    return datetime.date.max


def _case_of(kind_by_ct, ct_id, case_id, cache):
    kind = kind_by_ct.get(ct_id)
    if kind is None:
        return None, None
    key = (ct_id, case_id)
    if key not in cache:
        cache[key] = kind.model.objects.filter(pk=case_id).first()
    return kind, cache[key]


def _kinds_by_content_type():
    return {ContentType.objects.get_for_model(kind.model).pk: kind for kind in KINDS.values()}


def _lifting_rows(user, today, case_urls):
    liftings = list(
        MeasureLifting.objects.filter(department_id=user.department_id, confirmed_at__isnull=True)
        .select_related("measure__record__subject")
    )
    dues = _due_dates(MeasureLifting, [lifting.pk for lifting in liftings], DeadlineKind.MEASURE_LIFTING)
    by_ct, cache = _kinds_by_content_type(), {}
    rows = []
    for lifting in liftings:
        kind, case = _case_of(by_ct, lifting.case_type_id, lifting.case_id, cache)
        if case is None:
            continue
        due, _, provisional = dues.get(lifting.pk, (None, None, False))
        left = working_days_left(due, today=today)
        rows.append({"lifting": lifting, "case": case, "kind": kind,
                     "case_url": case_urls[kind.code].format(case.number), "due": due, "days_left": left,
                     "urgency": urgency(left), "provisional": provisional})
    return _sorted(rows)


def _report_rows(user, today, case_urls):
    """Reports of the cases the department answers for (objections it handles, repairs it decided)."""
    from django.db.models import Q

    q = Q(pk__in=[])
    for ct_id, kind in _kinds_by_content_type().items():
        field = {"objection": "handling_department_id", "repair": "determining_department_id"}.get(kind.code)
        if field:
            ids = kind.model.objects.filter(**{field: user.department_id}).values("pk")
            q |= Q(case_type_id=ct_id, case_id__in=ids)
    reports = list(PlatformReport.objects.filter(q, delivered_at__isnull=True).select_related("record", "subject"))
    dues = _due_dates(PlatformReport, [r.pk for r in reports], DeadlineKind.PROVINCIAL_REPORT)
    by_ct, cache = _kinds_by_content_type(), {}
    rows = []
    for report in reports:
        kind, case = _case_of(by_ct, report.case_type_id, report.case_id, cache)
        due, _, provisional = dues.get(report.pk, (None, None, False))
        left = working_days_left(due, today=today)
        rows.append({"report": report, "case": case, "kind": kind,
                     "case_url": case_urls[kind.code].format(case.number), "due": due, "days_left": left,
                     "urgency": urgency(left), "provisional": provisional})
    return _sorted(rows)


def _supervised_rows(user, today, case_urls):
    rows = []
    for kind in KINDS.values():
        qs = kind.visible_to(user).filter(status__in=kind.open_statuses)
        open_cases = list(qs.select_related("subject")[:500])
        dues = _due_dates(kind.model, [c.pk for c in open_cases], kind.due_kind)
        for case in open_cases:
            due, met, provisional = dues.get(case.pk, (None, None, False))
            left = None if met else working_days_left(due, today=today)
            rows.append({"case": case, "kind": kind, "case_url": case_urls[kind.code].format(case.number),
                         "department": _answering_department(case), "due": None if met else due,
                         "days_left": left, "urgency": "met" if met else urgency(left), "provisional": provisional})
    return _sorted(rows)


def _answering_department(case):
    for field in ("handling_department", "determining_department", "supervisor_office"):
        if hasattr(case, field):
            return getattr(case, field)
    return None


@login_required
def department_queue(request):
    if not is_staff_role(request.user):
        raise PermissionDenied
    today = clock.today()
    user = request.user
    context = {"today": today}
    case_urls = _case_urls()
    # The main table is paged (most urgent first across pages); the lifting and report tables stay whole.
    if user.role == Role.HANDLER:
        # Sorted as keys, then only the page's keys become rows.
        page = queue_page(_task_keys(user), page=request.GET.get("page"))
        context.update(
            page=page, tasks=_task_rows(user, today, case_urls, page.object_list),
            liftings=_lifting_rows(user, today, case_urls),
            reports=_report_rows(user, today, case_urls), department=user.department,
        )
    else:
        page = queue_page(_supervised_rows(user, today, case_urls), page=request.GET.get("page"))
        context.update(page=page, supervised=page.object_list)
    return render(request, "staff/queue.html", context)


@login_required
@require_POST
def claim_task(request, task_pk: int):
    """Claim (认领) a task of one's department."""
    with transaction.atomic():
        task = get_object_or_404(Task.objects.select_for_update(), pk=task_pk,
                                 process__flow_class__in=[kind.flow for kind in KINDS.values()])
        if not may_view_process(task.process.flow_class, request.user, task.process_id):
            raise Http404  # a task of a case the user may not see does not exist for them
        if task.status != STATUS.NEW or not task.flow_task.can_assign(request.user, task):
            messages.error(request, "该任务已被认领或您无权认领。")
        else:
            task.flow_task.activation_class(task).assign(request.user)
            messages.success(request, "已认领。")
    return HttpResponseRedirect(request.POST.get("next") or "../../")
