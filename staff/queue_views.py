"""A department's queue: what waits for it, most urgent first, for every case kind.

Rows are the open viewflow tasks offered to the department (or claimed by
one of its people) in any case kind's flow, each with the case's deadline
and the working days left; then the measures it must lift or adjust and the
reports to the provincial platform still waiting for a receipt. Supervisors
and administrators see the open cases of their scope instead. The queries
(search and filters included) are `staff.queue_rows`'; this module turns one
page of their keys into rows. The case kinds come from `staff.kinds`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from calendars import clock
from casework.errors import DomainError
from casework.models import MeasureLifting, PlatformReport, Role
from casework.models.deadlines import DeadlineKind
from casework.permissions import is_staff_role, lifting_actor_may
from casework.selectors import urgency, working_days_left
from exchange.models import Delivery, DeliveryState
from exchange.selectors import user_may_see_operations
from staff import queue_drafts, queue_rows
from staff.kinds import KINDS
from staff.queue_filters import HOLDERS, ROW_KINDS, kind_statuses, parse_filters
from staff.queue_paging import UrlFormat, queue_page
from workflows.actions import act
from workflows.flow_scope import may_view_process


def case_url_formats():
    """Each case kind's page URL, reversed once per request: `urls[kind.code].format(number)`."""
    return {
        kind.code: UrlFormat(lambda n, kind=kind: reverse(kind.url_name, args=[n]), 1) for kind in KINDS.values()
    }


# What a queue row (page or export, staff.queue_export) reads of its case; `related` adds the name of a
# department (a supervisor's rows). Only these columns are read: a case row carries its grounds,
# facts and letters' texts, which a page of 50 rows would load and convert for nothing.
CASE_COLUMNS = ("number", "status", "subject__name", "subject__uscc")


def _load_cases(keys, related=None) -> dict:
    """The cases of `keys` (KEY_COLUMNS rows), by (kind code, pk), in one query per kind."""
    cases = {}
    for kind in KINDS.values():
        ids = [key[4] for key in keys if key[3] == kind.code]
        if ids:
            joined = (related or {}).get(kind.code, ())
            query = kind.model.objects.select_related("subject", *joined).only(
                *CASE_COLUMNS, kind.received_field, *(f"{name}__name" for name in joined))
            cases.update({(kind.code, pk): case for pk, case in query.in_bulk(ids).items()})
    return cases


def _case_deadline_facts(keys) -> dict:
    """{(kind code, case pk): (met_at, provisional)} of the deadline each case's row shows."""
    facts = {}
    for kind in KINDS.values():
        ids = [key[4] for key in keys if key[3] == kind.code]
        if ids:
            facts.update({(kind.code, pk): fact
                          for pk, fact in queue_rows.deadline_facts(kind.model, ids, kind.due_kind).items()})
    return facts


def _row(key, case, facts, *, today, case_urls) -> dict:
    """What every table's row shows of its case and deadline (`facts`: the deadline's met_at and provisional)."""
    due, _, _, kind_code, _ = key
    met, provisional = facts or (None, False)
    kind = KINDS[kind_code]
    # A met deadline (a rectification's limit, once the completion report is in) is no longer running.
    left = None if met else working_days_left(due, today=today)
    return {
        "case": case, "kind": kind, "case_url": case_urls[kind_code].format(case.number), "due": due,
        "provisional": provisional, "days_left": left, "urgency": "met" if met else urgency(left),
        "late_by": _late_by(due, met), "received": getattr(case, kind.received_field),
    }


def task_rows(user, keys, *, today, case_urls, draft_labels=None) -> list[dict]:
    """The queue rows of `keys` (one page of `queue_rows.task_keys`), in their order; `draft_labels`:
    the status of each case's open draft (staff.queue_drafts.draft_labels)."""
    task_urls, titles = {}, {}  # flow node → its task page URL with (process, task) to fill in; its title
    claim_url = UrlFormat(lambda pk: reverse("work:queue:claim", args=[pk]), 1, as_int=True)
    release_url = UrlFormat(lambda pk: reverse("work:queue:release", args=[pk]), 1, as_int=True)
    tasks = Task.objects.select_related("owner").only(  # what a row shows of its task and who holds it
        "flow_task", "status", "process_id", "owner__username", "owner__first_name", "owner__last_name",
    ).in_bulk([key[2] for key in keys])
    cases, facts, statuses = _load_cases(keys), _case_deadline_facts(keys), _status_labels()
    drafts = draft_labels or {}
    rows = []
    for key in keys:
        task, case = tasks[key[2]], cases.get((key[3], key[4]))
        if case is None:
            continue
        flow_task = task.flow_task
        if flow_task not in task_urls:
            task_urls[flow_task] = UrlFormat(
                lambda p, t, f=flow_task: f.reverse("index", args=[p, t]), 2, as_int=True
            )
            titles[flow_task] = str(flow_task.task_title)  # translated once, not per row
        rows.append({
            **_row(key, case, facts.get((key[3], key[4])), today=today, case_urls=case_urls),
            "task": task, "step": titles[flow_task], "status": statuses[key[3]][case.status],
            "url": task_urls[flow_task].format(task.process_id, task.pk), "claim_url": claim_url.format(task.pk),
            "release_url": release_url.format(task.pk),
            "claimable": task.status == STATUS.NEW, "mine": task.owner_id == user.pk,
            "draft": drafts.get((key[3], key[4]), ""),
        })
    return rows


def lifting_rows(keys, *, today, case_urls) -> list[dict]:
    confirm_url = UrlFormat(lambda pk: reverse("work:queue:confirm-lifting", args=[pk]), 1, as_int=True)
    liftings = MeasureLifting.objects.select_related("measure__record").in_bulk([key[2] for key in keys])
    cases = _load_cases(keys)
    facts = queue_rows.deadline_facts(MeasureLifting, liftings, DeadlineKind.MEASURE_LIFTING)
    rows = []
    for key in keys:
        lifting, case = liftings[key[2]], cases.get((key[3], key[4]))
        if case is None:
            continue
        rows.append({**_row(key, case, facts.get(lifting.pk), today=today, case_urls=case_urls), "lifting": lifting,
                     "step": f"{lifting.get_action_display()}：{lifting.measure.get_kind_display()}",
                     "status": lifting.get_status_display(), "confirm_url": confirm_url.format(lifting.pk)})
    return rows


def report_rows(keys, *, today, case_urls) -> list[dict]:
    reports = PlatformReport.objects.select_related("record").in_bulk([key[2] for key in keys])
    facts = queue_rows.deadline_facts(PlatformReport, reports, DeadlineKind.PROVINCIAL_REPORT)
    # Delivery and receipt are the exchange worker's: the queue only says where each report stands.
    states = dict(Delivery.objects.filter(report_id__in=reports).values_list("report_id", "state"))
    labels = dict(DeliveryState.choices)
    cases = _load_cases(keys)
    rows = []
    for key in keys:
        report, case = reports[key[2]], cases.get((key[3], key[4]))
        if case is None:
            continue
        state = states.get(report.pk, DeliveryState.PENDING)
        rows.append({**_row(key, case, facts.get(report.pk), today=today, case_urls=case_urls), "report": report,
                     "step": f"{report.get_change_display()}（{report.record.number}）",
                     "delivery_state": state, "status": labels[state]})
    return rows


def supervised_rows(keys, *, today, case_urls) -> list[dict]:
    related = {kind.code: (kind.department_field,) for kind in KINDS.values()}
    cases, facts, statuses = _load_cases(keys, related), _case_deadline_facts(keys), _status_labels()
    rows = []
    for key in keys:
        case = cases.get((key[3], key[4]))
        if case is None:
            continue
        row = _row(key, case, facts.get((key[3], key[4])), today=today, case_urls=case_urls)
        rows.append({**row, "department": getattr(case, KINDS[key[3]].department_field),
                     "status": statuses[key[3]][case.status],
                     "due": None if row["urgency"] == "met" else row["due"]})
    return rows


def _status_labels() -> dict:
    """{kind code: {status: label}}, translated once: `get_status_display()` per row translates every
    choice of the field again, which an export of thousands of rows feels."""
    return {kind.code: {value: str(label) for value, label in kind.model._meta.get_field("status").flatchoices}
            for kind in KINDS.values()}


def _late_by(due, met) -> int:
    from calendars.arithmetic import working_days_between

    if not met or due is None:
        return 0
    met_on = clock.beijing_date(met)
    return working_days_between(due, met_on) if met_on > due else 0


def queue_tables(user, filters, *, today):
    """The queue's key queries for `user`: {"tasks"|"supervised": …, "liftings": …, "reports": …}."""
    kinds = list(KINDS.values())
    if user.role != Role.HANDLER:
        return {"supervised": queue_rows.supervised_keys(user, kinds=kinds, filters=filters, today=today)}
    waiting = queue_rows.waiting_kinds(user, kinds)
    return {
        "tasks": queue_rows.task_keys(user, kinds=waiting["tasks"], filters=filters, today=today),
        "liftings": queue_rows.lifting_keys(user, kinds=waiting["liftings"], filters=filters, today=today),
        "reports": queue_rows.report_keys(user, kinds=waiting["reports"], filters=filters, today=today),
    }


def table_rows(table: str, user, keys, *, today, case_urls) -> list[dict]:
    """The rows of `keys` of the table `table` (a key of `queue_tables`)."""
    if table == "tasks":
        return task_rows(user, keys, today=today, case_urls=case_urls)
    build = {"supervised": supervised_rows, "liftings": lifting_rows, "reports": report_rows}[table]
    return build(keys, today=today, case_urls=case_urls)


def staff_user_required(request) -> None:
    if not is_staff_role(request.user):
        raise PermissionDenied


def filters_context(request):
    """The filters of the request and what the filter form offers."""
    filters = parse_filters(request.GET, kinds=list(KINDS.values()))
    return filters, {
        "filters": filters,
        "kind_choices": [(kind.code, kind.label) for kind in KINDS.values()] + (
            list(ROW_KINDS.items()) if request.user.role == Role.HANDLER else []),
        "status_choices": [(kind.label, list(kind_statuses(kind).items())) for kind in KINDS.values()],
        "holder_choices": list(HOLDERS.items()),
        "due_choices": [("overdue", "已逾期"), ("3", "3 个工作日内到期"), ("5", "5 个工作日内到期"),
                        ("10", "10 个工作日内到期")],
    }


@login_required
def department_queue(request):
    staff_user_required(request)
    today = clock.today()
    user = request.user
    filters, context = filters_context(request)
    context["today"] = today
    case_urls = case_url_formats()
    tables = queue_tables(user, filters, today=today)
    # The main table is paged (most urgent first across pages); the lifting and report tables stay whole.
    main = "tasks" if "tasks" in tables else "supervised"
    page = queue_page(tables[main], page=request.GET.get("page"), query=filters.query())
    keys = list(page.object_list)
    if main == "tasks":
        drafts = queue_drafts.department_open_drafts(user)
        context.update(tasks=task_rows(user, keys, today=today, case_urls=case_urls,
                                       draft_labels=queue_drafts.draft_labels(drafts)),
                       department=user.department, drafts=queue_drafts.draft_rows(user, drafts, case_urls=case_urls),
                       may_see_operations=user_may_see_operations(user))
        for name in ("liftings", "reports"):
            context[name] = table_rows(name, user, tables[name].all(), today=today, case_urls=case_urls)
        context["shown"] = {"tasks": filters.kind not in ROW_KINDS, "lifting": filters.shows("lifting"),
                            "report": filters.shows("report")}
    else:
        context["supervised"] = supervised_rows(keys, today=today, case_urls=case_urls)
    context.update(page=page, matching=page.paginator.count, filter_query=filters.query())
    return render(request, "staff/queue.html", context)


def _back(request) -> HttpResponseRedirect:
    target = request.POST.get("next") or reverse("work:queue:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("work:queue:index")
    return HttpResponseRedirect(target)


def _department_task(request, task_pk: int) -> Task:
    """The task `task_pk` of a case kind's flow, locked; 404 for a case the user may not see. Expects a transaction."""
    task = get_object_or_404(Task.objects.select_for_update(), pk=task_pk,
                             process__flow_class__in=list(queue_rows.flows_of(KINDS.values()).values()))
    if not may_view_process(task.process.flow_class, request.user, task.process_id):
        raise Http404  # a task of a case the user may not see does not exist for them
    return task


@login_required
@require_POST
def claim_task(request, task_pk: int):
    """Claim (认领) a task of one's department."""
    with transaction.atomic():
        task = _department_task(request, task_pk)
        if task.status != STATUS.NEW or not task.flow_task.can_assign(request.user, task):
            messages.error(request, "该任务已被认领或您无权认领。")
        else:
            task.flow_task.activation_class(task).assign(request.user)
            messages.success(request, "已认领。")
    return _back(request)


@login_required
@require_POST
def release_task(request, task_pk: int):
    """Release (释放) a task one holds: it goes back to the department's queue, for anyone of it to claim."""
    with transaction.atomic():
        task = _department_task(request, task_pk)
        if task.status != STATUS.ASSIGNED or task.owner_id != request.user.pk:
            messages.error(request, "只有认领人可以释放该任务。")
        else:
            task.flow_task.activation_class(task).unassign()
            messages.success(request, "已释放，任务回到本部门待认领。")
    return _back(request)


@login_required
@require_POST
def confirm_lifting(request, lifting_pk: int):
    """Confirm (确认解除) that one's department lifted or adjusted a measure: irreversible, so the form's
    confirmation box must be ticked; the action runs through the case kind's facade."""
    staff_user_required(request)
    lifting = get_object_or_404(MeasureLifting, pk=lifting_pk, confirmed_at__isnull=True)
    if not lifting_actor_may(request.user, lifting):
        raise Http404  # another department's lifting does not exist for this user
    kind = next((kind for kind in KINDS.values()
                 if ContentType.objects.get_for_model(kind.model).pk == lifting.case_type_id), None)
    if kind is None:
        raise Http404
    if request.POST.get("confirmed") != "1":
        messages.error(request, "确认解除不可撤回：请先勾选“已核实本部门措施已解除或调整”，再确认。")
        return _back(request)
    case = kind.model.objects.get(pk=lifting.case_id)
    try:
        act(case=case, action="confirm-lifting", acting_user=request.user, payload={"measure_id": lifting.measure_id})
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{case.number}：已确认解除本部门措施。")
    return _back(request)
