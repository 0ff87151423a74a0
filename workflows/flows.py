"""Who must act next on a case. The case's FSM status is the legal truth; the
flow only routes: after every step it looks at the status and opens the task
for whoever acts next. Steps call `casework` services (through
`workflows.actions`); nothing here sets a status.

viewflow's open edition cannot open a variable number of parallel tasks
(Split has no data source), so lifting tasks for the imposing departments
are tracked as casework `MeasureLifting` rows with their own queue; the flow
waits for them in `follow_up`.
"""

from functools import cached_property

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from casework.backends import department_permission
from casework.models import (
    AppealStatus,
    ComplaintCase,
    ComplaintStatus,
    ObjectionCase,
    ObjectionStatus,
    RectificationCase,
    RectificationStatus,
    RepairAppeal,
    RepairCase,
    RepairStatus,
)
from workflows import flow_scope
from workflows.case_flow import CaseStart
from workflows.models import (
    AppealProcess,
    ComplaintProcess,
    ObjectionProcess,
    RectificationProcess,
    RepairProcess,
)
from workflows.task_holder import last_handler


def _case(activation):
    return activation.process.artifact


def route_by_status(status_nodes: dict) -> flow.Switch:
    """The Switch that opens, for the case's status, the node `status_nodes` names
    (any other status ends the process).

    Each flow declares its status → node table once and builds its route from it,
    so `workflows.case_flow.node_for` reads the same table instead of the Switch's
    internals, and the two cannot drift apart."""
    switch = flow.Switch()
    for node in dict.fromkeys(status_nodes.values()):  # in declaration order, once each
        statuses = frozenset(status for status, name in status_nodes.items() if name == node)
        switch = switch.Case(getattr(this, node), _status_in(statuses))
    return switch.Default(this.end)


def _status_in(statuses):
    return lambda activation: _case(activation).status in statuses


def _handling_department(activation):
    return department_permission(_case(activation).handling_department_id)


def _determining_department(activation):
    return department_permission(_case(activation).determining_department_id)



def staff_task(title, description, permission) -> flow.View:
    """A step a staff member takes on the case's task page: open to the department `permission`
    names, given back to whoever handled the case last, then routed by the new status."""
    return (
        flow.View(this.task_view)
        .Annotation(title=title, description=description)
        .Permission(permission)
        .Assign(last_handler)
        .Next(this.route)
    )


def waiting_step(title, description) -> flow.Handle:
    """A step taken outside the staff task pages (the subject supplies or rectifies, the imposing
    departments lift their measures): the flow waits until a service moves the case on."""
    return flow.Handle().Annotation(title=title, description=description).Next(this.route)

# viewflow's `select_for_update_lock` uses NOWAIT and retries by catching the
# DatabaseError inside `atomic()` without rolling the savepoint back: inside
# our enclosing transaction (a service plus the flow, all or nothing) that
# leaves PostgreSQL's transaction aborted. Waiting for the row lock instead
# serialises two people acting on one case, and the loser then sees the
# changed status and gets "the case changed" (tests/workflows/test_concurrency.py).
WAITING_ROW_LOCK = lock.SelectForUpdateLock(nowait=False, attempts=1)


class CaseFlow(flow.Flow):
    """What every case kind's flow shares: the lock, the summary, how it starts, routes and ends.

    A subclass names the case model it routes (`case_model`: `flow_for_case` finds
    the flow from it), its status → node table (`status_nodes`) and the nodes that table
    names; its `start`, `route` (route_by_status of the table) and `end` are made here.
    """

    case_model: type
    status_nodes: dict

    lock_impl = WAITING_ROW_LOCK
    process_summary_template = "{{ process.artifact.number }} {{ process.artifact.subject }}"

    def __init_subclass__(cls, **kwargs):
        # Before viewflow's Flow.__init_subclass__ collects the class's nodes: every kind starts
        # from code (case_start), is routed after every step by its status table, and ends.
        cls.start = CaseStart(this.start_case).Next(this.route)
        cls.route = route_by_status(cls.status_nodes)
        cls.end = flow.End()
        super().__init_subclass__(**kwargs)

    @classmethod
    def processes_visible_to(cls, user):
        """The processes of the `case_model` cases that casework.permissions lets `user` see."""
        return flow_scope.processes_visible_to(cls.case_model, user)

    def has_view_permission(self, user, obj=None):
        """The flow's pages for staff roles (casework.backends); a process only
        when `processes_visible_to` says its case is one the user may see."""
        if not super().has_view_permission(user):
            return False
        return obj is None or flow_scope.may_view_process(type(self), user, obj.pk)

    @cached_property
    def task_view(self):
        """The page of a human task. The flows say which steps a person takes; the staff site
        (a room above this one) draws them, so the view is named in settings
        (WORKFLOWS_TASK_VIEW, a class-based view) rather than imported here."""
        return import_string(settings.WORKFLOWS_TASK_VIEW).as_view()

    def start_case(self, activation, case):
        # Not saved here: the start activation saves the process once, with its artifact.
        activation.process.artifact = case
        return activation.process


class ObjectionFlow(CaseFlow):
    case_model = ObjectionCase
    process_class = ObjectionProcess
    process_title = _("异议办理")
    process_description = _("受理、核查、书面答复、更正与报送、解除惩戒措施")

    status_nodes = {
        ObjectionStatus.LODGED: "review",
        ObjectionStatus.AWAITING_MATERIALS: "wait_materials",
        ObjectionStatus.ACCEPTED: "verify",
        ObjectionStatus.UNDER_VERIFICATION: "verify",
        ObjectionStatus.DECIDED: "reply",
        ObjectionStatus.REPLIED: "follow_up",
        ObjectionStatus.RECORD_CHANGED: "follow_up",
        ObjectionStatus.FOLLOWING_UP: "follow_up",
    }

    review = staff_task(_("受理审查"), _("受理、不予受理或要求补正材料"), _handling_department)
    wait_materials = waiting_step(_("等待补正材料"), _("申请主体补正材料后继续办理"))
    verify = staff_task(_("核查并作出结论"), _("认定部门核查异议信息，作出成立、部分成立或不成立的结论"), _determining_department)
    reply = staff_task(_("书面答复"), _("向申请主体出具异议答复书"), _handling_department)
    follow_up = waiting_step(_("跟踪落实"), _("报送省级平台并由各实施部门解除惩戒措施"))


def _supervisor_office(activation):
    return department_permission(_case(activation).supervisor_office_id)


class RepairFlow(CaseFlow):
    """Credit repair: the determining department reviews and decides; the
    imposing departments and the platform confirm (tracked as in objections)."""

    case_model = RepairCase
    process_class = RepairProcess
    process_title = _("信用修复办理")
    process_description = _("审核修复申请、逐项决定惩戒措施、报送省级平台并落实")

    status_nodes = {
        RepairStatus.UNDER_REVIEW: "review",
        RepairStatus.AWAITING_MATERIALS: "wait_materials",
        RepairStatus.FOLLOWING_UP: "follow_up",
    }

    review = staff_task(_("审核修复申请"), _("认定部门审核修复申请，要求补正或作出修复决定"), _determining_department)
    wait_materials = waiting_step(_("等待补正材料"), _("申请主体补正材料后继续审核"))
    follow_up = waiting_step(_("跟踪落实"), _("报送省级平台并由各实施部门调整惩戒措施"))


class RectificationFlow(CaseFlow):
    """Rectification: the government explains and rectifies; the supervisor office accepts or returns."""

    case_model = RectificationCase
    process_class = RectificationProcess
    process_title = _("整改办理")
    process_description = _("书面说明、整改方案与进展、完成报告、验收")

    status_nodes = {
        RectificationStatus.ORDERED: "rectify",
        RectificationStatus.RECTIFYING: "rectify",
        RectificationStatus.UNDER_ACCEPTANCE: "acceptance",
    }

    rectify = waiting_step(_("整改主体整改"), _("书面说明、整改方案、进展报告和完成报告"))
    acceptance = staff_task(_("整改验收"), _("联席会议办公室验收整改，通过或退回"), _supervisor_office)


def _handling_office(activation):
    return department_permission(_case(activation).handling_office_id)


def _findings_department(activation):
    # Transferred: the competent department investigates; otherwise the office itself.
    case = _case(activation)
    return department_permission(case.transferred_to_id or case.handling_office_id)


class ComplaintFlow(CaseFlow):
    """A complaint: the supervisor office accepts it or not, may transfer it, records the
    findings (or the department does) and answers."""

    case_model = ComplaintCase
    process_class = ComplaintProcess
    process_title = _("投诉办理")
    process_description = _("受理审查、转办、调查核实、答复投诉人")
    process_summary_template = "{{ process.artifact.number }} 投诉 {{ process.artifact.subject }}"

    status_nodes = {
        ComplaintStatus.RECEIVED: "review",
        ComplaintStatus.ACCEPTED: "investigate",
        ComplaintStatus.TRANSFERRED: "investigate",
        ComplaintStatus.FINDINGS_RECORDED: "answer",
        ComplaintStatus.ANSWERED: "answer",
    }

    review = staff_task(_("投诉受理审查"), _("受理或不予受理"), _handling_office)
    investigate = staff_task(_("调查核实"), _("转办主管部门或自行调查，记录查明情况"), _findings_department)
    answer = staff_task(_("答复与办结"), _("答复投诉人并办结"), _handling_office)


class AppealFlow(CaseFlow):
    """An appeal against a repair decision: the joint-conference office above the deciding
    department accepts it or not, then decides it."""

    case_model = RepairAppeal
    process_class = AppealProcess
    process_title = _("信用修复申诉办理")
    process_description = _("受理审查、审查并作出申诉处理决定")
    process_summary_template = "{{ process.artifact.number }} 申诉 {{ process.artifact.subject }}"

    status_nodes = {
        AppealStatus.RECEIVED: "review",
        AppealStatus.REVIEWING: "decide",
    }

    review = staff_task(_("申诉受理审查"), _("受理或不予受理"), _handling_office)
    decide = staff_task(_("审查并作出处理决定"), _("申诉成立、部分成立或不成立，出具处理决定书"), _handling_office)


def flow_for_model(model) -> type[CaseFlow]:
    """The flow class that routes cases of `model` (each flow names its `case_model`)."""
    for flow_class in CaseFlow.__subclasses__():
        if flow_class.case_model is model:
            return flow_class
    raise LookupError(model)


def flow_for_case(case) -> type[CaseFlow]:
    """The flow class that routes cases of `case`'s kind."""
    return flow_for_model(type(case))
