"""Every action on a case, of every kind, declared once; and the one way to take one.

A case kind's actions are a tuple of `Action` entries: the casework service it runs,
what it takes from a payload, its label, the FSM transition it performs (or, for a
follow-up step that is no transition, when it is available), whether it needs a
confirmation, and the staff form that collects its input. The staff pages, the
portal and the API all ask `allowed_actions` what a user may do now and take it
with `act`, which runs the service and moves the case's flow in one transaction
(`workflows.case_flow`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cached_property, partial

from django.db import transaction

from casework.models import (
    ComplaintCase,
    ComplaintStatus,
    ObjectionCase,
    RectificationCase,
    RectificationStatus,
    RepairAppeal,
    RepairCase,
    SubmissionKind,
    User,
)
from casework.permissions import (
    complaint_actor_may,
    lifting_actor_may,
    objection_actor_may,
    rectification_actor_may,
    repair_actor_may,
)
from calendars import clock
from casework.services import appeals as appeal_services
from casework.services import complaints as complaint_services
from casework.services import extensions as extension_services
from casework.services import followup
from casework.services import letter_drafts
from casework.services import objections as objection_services
from casework.services import rectifications as rectification_services
from casework.services import repairs as repair_services
from workflows.case_flow import case_act, case_start
from workflows.flows import flow_for_case, flow_for_model


class CaseFacts:
    """What availability rules read besides the case, each read at most once per question.

    A caller that has read the platform report or the liftings already (the API's detail)
    passes them in, so asking what a user may do costs no second query."""

    def __init__(self, case, **known):
        self.case = case
        self.__dict__.update(known)

    @cached_property
    def report(self):
        return followup.case_platform_report(self.case)

    @cached_property
    def liftings(self):
        return followup.case_liftings(self.case)

    @cached_property
    def has_plan(self) -> bool:
        return self.case.submissions.filter(kind=SubmissionKind.PLAN).exists()


@dataclasses.dataclass(frozen=True)
class Action:
    name: str  # as in URLs and payloads: "request-materials"
    service: Callable  # service(case=…, acting_user=…, **payload)
    label: str
    accepts: tuple[str, ...] = ()  # the payload keys the service takes
    # The FSM transition the service performs; the user may take the action when
    # django-fsm offers it. None for a follow-up step: `available` decides.
    transition: str | None = None
    available: Callable[[object, User, CaseFacts], bool] | None = None
    # Irreversible (a refusal, a decision that revokes or corrects a record, a lifting,
    # an acceptance, a withdrawal): the staff page asks before it runs (`consequence`).
    confirm: bool = False
    consequence: str = ""
    # Dotted path of the staff form collecting the payload: a string, because the staff
    # site is a room above this one (workflows must not import staff). None: no input.
    form: str | None = None
    by_subject: bool = False  # the subject's own step: offered in the portal, not on staff pages
    staff_page: bool = True  # False: not offered on the staff pages (the API still takes it)
    # The decision letter the action numbers and issues. An action that names one is
    # drafted by the handler and runs only after 审核 and 签发 by department users with
    # those rights (workflows.signoff), unless the department allows one-step issue of
    # that letter kind. None: the action issues no decision letter of its own.
    letter_kind: str | None = None
    # An action without input run right after this one in the signed step, when the signer may
    # take it: the objection's conclusion (decide) takes effect with its reply letter, numbered at
    # 签发. When the signer may not (a platform replies to what a determining department
    # concluded), the follow-up stays the other department's own action, signed off there.
    then: str | None = None

    def payload_for(self, payload: dict | None) -> dict:
        return {key: value for key, value in (payload or {}).items() if key in self.accepts}


def _report_pending(actor_may):
    def available(case, user, facts: CaseFacts) -> bool:
        report = facts.report
        return report is not None and report.delivered_at is None and actor_may(user, case, "confirm_report")

    return available


def _lifting_waits_for_user(case, user, facts: CaseFacts) -> bool:
    return any(lifting.confirmed_at is None and lifting_actor_may(user, lifting) for lifting in facts.liftings)


def _rectifying(case, user, facts: CaseFacts) -> bool:
    return case.status == RectificationStatus.RECTIFYING and rectification_actor_may(user, case, "submit_plan")


def _completion_due(case, user, facts: CaseFacts) -> bool:
    return _rectifying(case, user, facts) and facts.has_plan


def _accountability_open(case, user, facts: CaseFacts) -> bool:
    return case.status != RectificationStatus.ACCEPTED and rectification_actor_may(user, case, "record_accountability")


def _submit(kind):
    service = partial(rectification_services.rectification_submit, kind=kind)
    service.__name__ = f"rectification_submit_{kind}"
    return service


_SUPPLY = ("files", "note")
_WITHDRAW_CONSEQUENCE = "撤回后案件即告终结，不能恢复"


# Steps several kinds share (their services differ, the steps do not).

def _materials(request_service, supply_service) -> tuple["Action", "Action"]:
    """The department asks for missing materials (补正); the subject supplies them."""
    return (
        Action("request-materials", request_service, "要求补正材料", ("materials",),
               transition="request_materials", form="staff.forms.MaterialsForm"),
        Action("supply-materials", supply_service, "补正材料", _SUPPLY,
               transition="supply_materials", by_subject=True),
    )


def _confirm_lifting(service, label: str, consequence: str) -> "Action":
    """An imposing department confirms it applied the decision to its own measure."""
    return Action("confirm-lifting", service, label, ("measure_id",), available=_lifting_waits_for_user,
                  confirm=True, form="staff.forms.LiftingForm", consequence=consequence)


def _withdraw(service, label: str) -> "Action":
    """The subject (of an objection, a repair application, an appeal) withdraws; the case ends."""
    return Action("withdraw", service, label, ("reason",), transition="withdraw", confirm=True,
                  consequence=_WITHDRAW_CONSEQUENCE, by_subject=True)


def _confirm_report(service, actor_may) -> "Action":
    """Confirming the provincial report by hand. Delivery and its receipt are automatic (exchange/):
    no clerk types a receipt number on a staff page; the API keeps the step for when the platform
    link is down."""
    return Action("confirm-report", service, "确认已报送省级平台", ("receipt",),
                  available=_report_pending(actor_may), staff_page=False)


def _extendable(case, user, facts: CaseFacts) -> bool:
    # The rule, the state, the one extension and the original due date: casework decides.
    return extension_services.case_may_extend(case, user, today=clock.today())


def _extend(duty: str) -> "Action":
    """Extending a complex case's time limit once (延期), where the province's setting allows it: the
    notice to the subject is a letter the department signs off like a decision (`letter_kind`)."""
    return Action("extend", extension_services.case_extend, "延长办理期限", ("days", "reason"),
                  available=_extendable, confirm=True, form="staff.forms.ExtendForm",
                  consequence=f"{duty}期限只能延长一次，延长后不能撤销；将向申请主体出具延期通知书",
                  letter_kind="extension_notice")


OBJECTION_ACTIONS = (
    Action("accept", objection_services.objection_accept, "受理并转入核查", transition="accept"),
    Action("reject", objection_services.objection_reject, "不予受理", ("reason", "explanation"),
           transition="reject", confirm=True, form="staff.forms.RejectForm",
           consequence="不予受理后案件即告终结，并向申请主体出具不予受理告知书", letter_kind="non_acceptance_notice"),
    *_materials(objection_services.objection_request_materials, objection_services.objection_supply_materials),
    Action("decide", objection_services.objection_decide, "作出核查结论",
           ("outcome", "reasons", "findings", "correction", "revoke"), transition="decide", confirm=True,
           form="staff.forms.DecideForm",
           consequence="核查结论作出后不能更改；结论为成立或部分成立时，信用记录将按结论更正或撤销",
           letter_kind="objection_reply", then="reply"),
    Action("reply", objection_services.objection_reply, "出具书面答复", transition="reply",
           letter_kind="objection_reply"),
    _extend("书面答复"),
    _confirm_lifting(objection_services.objection_confirm_lifting, "确认已解除本部门措施", "确认后该惩戒措施记为已解除"),
    _confirm_report(objection_services.objection_confirm_report, objection_actor_may),
    _withdraw(objection_services.objection_withdraw, "撤回异议"),
)

REPAIR_ACTIONS = (
    *_materials(repair_services.repair_request_materials, repair_services.repair_supply_materials),
    Action("decide", repair_services.repair_decide, "作出信用修复决定", ("approved", "reasons", "findings", "decisions"),
           transition="decide", confirm=True, form="staff.forms.RepairDecideForm",
           consequence="修复决定作出后不能更改，各项惩戒措施将按决定免除、减轻或维持",
           letter_kind="repair_decision"),
    _extend("审核"),
    _confirm_lifting(repair_services.repair_confirm_lifting, "确认已调整本部门措施", "确认后该惩戒措施记为已按决定调整"),
    _confirm_report(repair_services.repair_confirm_report, repair_actor_may),
    _withdraw(repair_services.repair_withdraw, "撤回申请"),
)

_SUBMISSION = ("text", "files")

RECTIFICATION_ACTIONS = (
    Action("submit-explanation", _submit(SubmissionKind.EXPLANATION), "提交书面说明", _SUBMISSION,
           transition="explain", by_subject=True),
    Action("submit-plan", _submit(SubmissionKind.PLAN), "报送整改方案", _SUBMISSION, available=_rectifying,
           by_subject=True),
    Action("submit-progress", _submit(SubmissionKind.PROGRESS), "报送整改进展", _SUBMISSION, available=_rectifying,
           by_subject=True),
    Action("submit-completion", _submit(SubmissionKind.COMPLETION), "报送整改完成报告", _SUBMISSION,
           available=_completion_due, by_subject=True),
    Action("record-accountability", rectification_services.rectification_record_accountability, "记录责任追究情况",
           ("person", "position", "action_taken"), available=_accountability_open,
           form="staff.forms.AccountabilityForm"),
    Action("return", rectification_services.rectification_return, "退回整改", ("reasons", "new_limit_date"),
           transition="return_for_rework", form="staff.forms.RectificationReturnForm",
           letter_kind="rectification_acceptance"),
    Action("accept", rectification_services.rectification_accept, "验收通过", ("opinion",), transition="accept",
           confirm=True, form="staff.forms.RectificationAcceptForm",
           consequence="验收通过后整改即告完成，出具整改验收意见书", letter_kind="rectification_acceptance"),
)

def _complaint_linkable(case, user, facts: CaseFacts) -> bool:
    return (case.status not in (ComplaintStatus.RECEIVED, ComplaintStatus.NOT_ACCEPTED)
            and complaint_actor_may(user, case, "link"))


COMPLAINT_ACTIONS = (
    Action("accept", complaint_services.complaint_accept, "受理投诉", ("reason",), transition="accept",
           form="staff.forms.ComplaintAcceptForm"),
    Action("not-accept", complaint_services.complaint_not_accept, "不予受理", ("reason",), transition="not_accept",
           confirm=True, form="staff.forms.ComplaintNotAcceptForm",
           consequence="不予受理后投诉即告终结，理由留存供投诉人查询", letter_kind="complaint_answer"),
    Action("transfer", complaint_services.complaint_transfer, "转办主管部门",
           ("department_id", "requirements", "working_days"), transition="transfer",
           form="staff.forms.ComplaintTransferForm", letter_kind="complaint_transfer"),
    Action("record-findings", complaint_services.complaint_record_findings, "记录调查核实情况", ("findings",),
           transition="record_findings", form="staff.forms.ComplaintFindingsForm"),
    # One action, two transitions (with a contact: answered; anonymous: closed): offered when either is.
    Action("answer", complaint_services.complaint_answer, "答复投诉人", ("answer",),
           available=lambda case, user, facts: (case.status == ComplaintStatus.FINDINGS_RECORDED
                                                and complaint_actor_may(user, case, "answer")),
           confirm=True, form="staff.forms.ComplaintAnswerForm",
           consequence="答复出具后不能更改；匿名投诉答复后即办结，答复留存供查询", letter_kind="complaint_answer"),
    Action("close", complaint_services.complaint_close, "办结", transition="close", confirm=True,
           consequence="办结后投诉不能再办理"),
    Action("link", complaint_services.complaint_link, "关联失信记录或整改", ("record_number", "rectification_number"),
           available=_complaint_linkable, form="staff.forms.ComplaintLinkForm"),
)

APPEAL_ACTIONS = (
    Action("accept", appeal_services.appeal_accept, "受理申诉", ("reason",), transition="accept",
           form="staff.appeal_forms.AppealAcceptForm"),
    Action("not-accept", appeal_services.appeal_not_accept, "不予受理", ("reason",), transition="not_accept",
           confirm=True, form="staff.appeal_forms.AppealNotAcceptForm",
           consequence="不予受理后申诉即告终结，并向申诉主体出具申诉处理决定书", letter_kind="appeal_decision"),
    Action("decide", appeal_services.appeal_decide, "作出申诉处理决定", ("outcome", "reasons"), transition="decide",
           confirm=True, form="staff.appeal_forms.AppealDecideForm", letter_kind="appeal_decision",
           consequence="处理决定作出后不能更改；申诉成立或部分成立的，决定书抄送作出修复决定的部门重新决定"),
    _withdraw(appeal_services.appeal_withdraw, "撤回申诉"),
)

# The submission each rectification material is sent by, for the portal's forms.
SUBMIT_ACTIONS = {
    SubmissionKind.EXPLANATION: "submit-explanation",
    SubmissionKind.PLAN: "submit-plan",
    SubmissionKind.PROGRESS: "submit-progress",
    SubmissionKind.COMPLETION: "submit-completion",
}

ACTIONS = {ObjectionCase: OBJECTION_ACTIONS, RepairCase: REPAIR_ACTIONS, RectificationCase: RECTIFICATION_ACTIONS,
           ComplaintCase: COMPLAINT_ACTIONS, RepairAppeal: APPEAL_ACTIONS}


def actions_of(case) -> tuple[Action, ...]:
    """Every action declared for `case`'s kind, in the order pages show them."""
    return ACTIONS[type(case)]


def action_named(case, name: str) -> Action:
    """The action `name` of `case`'s kind; LookupError if the kind has none by that name."""
    for action in actions_of(case):
        if action.name == name:
            return action
    raise LookupError(name)


def allowed_actions(case, user: User, *, facts: CaseFacts | None = None) -> list[Action]:
    """The actions `user` may take on `case` now, in declaration order.

    A transition action when django-fsm offers its transition to the user (the
    transition's own conditions and permission decide), a follow-up step when its
    `available` rule says so. `facts` may carry what the caller has read already.
    """
    facts = facts or CaseFacts(case)
    transitions = {t.name for t in case.get_available_user_status_transitions(user)}
    return [
        action for action in actions_of(case)
        if (action.transition in transitions if action.transition else action.available(case, user, facts))
    ]


def allowed_action_names(case, user: User, *, facts: CaseFacts | None = None) -> list[str]:
    """`allowed_actions` as names (as in URLs), what the API answers."""
    return [action.name for action in allowed_actions(case, user, facts=facts)]


def action_names_for_transitions(case_model, transitions) -> list[str]:
    """The action names performing `transitions` (FSM method names), for an error that lists them."""
    return [action.name for action in ACTIONS[case_model] if action.transition in set(transitions)]


def act(*, case, action: str, acting_user: User | None, payload: dict | None = None):
    """Run `action` on `case` with `payload` (keys it does not take are ignored); return
    what the service returns. The service and the flow move in one transaction.

    An action issuing a decision letter that the acting handler's department signs off
    is drafted instead: the answer is then the `LetterDraft` waiting for 审核
    (workflows.signoff; the action runs at 签发)."""
    # Imported here: workflows.signoff reads these declarations back to run a signed draft.
    from workflows import signoff

    entry = action_named(case, action)
    if signoff.signoff_required(entry, acting_user):
        return signoff.draft_submit(case=case, entry=entry, acting_user=acting_user,
                                    payload=entry.payload_for(payload), note=(payload or {}).get("draft_note", ""))
    with transaction.atomic():
        result = case_act(flow_for_case(case), case=case, service=entry.service, acting_user=acting_user,
                          kwargs=entry.payload_for(payload))
        if entry.transition is not None:
            # A step that ended the case (a withdrawal) takes its waiting draft with it.
            letter_drafts.letter_draft_end_with_case(case=case, acting_user=acting_user)
    return result


def start(model, create: Callable, *, acting_user: User, **kwargs):
    """Make a case of `model` with the service `create` and open its process."""
    return case_start(flow_for_model(model), create, acting_user=acting_user, **kwargs)
