"""督办: a supervisor office's notice to the department that must act on an overdue or
at-risk deadline, its written answer, and escalation one level up.

`oversight_issue` records the notice with a feedback date `SUPERVISION
["oversight_feedback_working_days"]` working days after the day of issue (3 by
default: no article of the plan sets it, it is the province's choice), issues the
numbered 督办函 (letter kind `oversight_notice`) from the supervisor office in the same
transaction, and tells the department's handlers. `oversight_answer` keeps the department's written answer.
`oversight_escalate_due` (periodic) escalates every 督办 whose deadline is still unmet
and overdue after its feedback date to the supervisor office of the jurisdiction above,
and marks it escalated; a 督办 is escalated once. The province's office has no level
above: its 督办 is marked escalated all the same, with `escalation_note` saying so.

The feedback date is kept on the 督办 row (and shown with it on the department's case
page and the dashboard's list), not as a second case deadline: the legal deadline the
department is late on is the one the 督办 is about, and the figures must not count the
feedback twice as a case's overdue step.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars import clock
from calendars.current import current_calendar
from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import Deadline, Department, Role, User
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_write
from casework.services.case_letters import department_issuer
from casework.services.letter_parties import issuer_check
from letters.selectors import letters_about
from letters.services import letter_issue
from supervision.models import Notification, NotificationKind, Oversight, OversightStatus
from supervision.selectors import supervision_scope
from supervision.services.reminders import handlers_of
from supervision.services.reports import supervisor_office
from supervision.sources import case_of

LETTER_KIND = "oversight_notice"
# How the 督办函 names each kind of case (the dashboard's short labels are 异议, 整改 …).
CASE_KIND_WORDS = {"objection": "异议申请", "repair": "信用修复申请", "rectification": "政务失信整改",
                   "complaint": "政务失信投诉"}
NO_LEVEL_ABOVE = "{office}为最高一级督办单位，无上一级可提级；本级继续督办。"


def _feedback_days() -> int:
    return int(settings.SUPERVISION["oversight_feedback_working_days"])


def issuing_office(user: User) -> Department | None:
    """The office a supervisor's 督办 come from (its own jurisdiction's), None for anyone else."""
    if user.role != Role.SUPERVISOR or not user.jurisdiction_id:
        return None
    return supervisor_office(user.jurisdiction)


def _office_of(user: User) -> Department:
    """The supervisor office of the supervisor's own jurisdiction: the issuer of its 督办."""
    office = supervisor_office(user.jurisdiction)
    if office is None:
        raise NotPermittedError("本级未设社会信用体系建设联席会议办公室，无法发出督办通知。")
    return office


def _notify(users, *, deadline: Deadline, step: str, label: str, message: str) -> int:
    case_type = ContentType.objects.get_for_model(case_of(deadline))
    made = 0
    for user in users:
        _, created = Notification.objects.get_or_create(
            deadline=deadline, step=step, recipient=user,
            defaults={"case_type": case_type, "case_id": deadline.case_id, "case_label": label[:64],
                      "kind": NotificationKind.OVERSIGHT, "message": message},
        )
        made += created
    return made


def oversight_refusal(deadline: Deadline, *, today: datetime.date, office: Department | None = None) -> str:
    """Why `deadline` takes no 督办 today from `office` ("" when it may): the rule the issue
    form shows before anyone writes reasons, and `oversight_issue` enforces."""
    if deadline.met_at is not None or deadline.due_date is None or deadline.acting_department_id is None:
        return "该期限已完成或不由部门办理，无需督办。"
    if office is not None and deadline.acting_department_id == office.pk:
        # A rectification's limit is the office's own to watch: it presses the subject itself.
        return "该期限由本办承办，不能向本办发出督办函。"
    soon = int(settings.SUPERVISION["soon_working_days"])
    if current_calendar().working_days_between(today, deadline.due_date) > soon:
        return f"只能督办已逾期或{soon}个工作日内到期的期限。"
    if Oversight.objects.filter(deadline=deadline, status=OversightStatus.OPEN).exists():
        return "该期限已有待反馈的督办通知。"
    return ""


@transaction.atomic
def oversight_issue(*, deadline: Deadline, reasons: str, acting_user: User,
                    today: datetime.date | None = None) -> Oversight:
    """Issue a 督办 on `deadline` (overdue, or due within the dashboard's "soon" days) to the
    department that must meet it."""
    today = today or clock.today()
    if acting_user.role != Role.SUPERVISOR:
        raise NotPermittedError("只有监督人员可以发出督办通知。")
    scope = supervision_scope(acting_user)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    case = case_of(deadline)
    if not case.subject.jurisdiction.path.startswith(scope):
        raise NotPermittedError("只能督办本人监督范围内的案件。")
    reasons = (reasons or "").strip()
    if len(reasons) < 5:
        raise DomainError({"reasons": "请写明督办事项。"})
    office = _office_of(acting_user)
    refusal = oversight_refusal(deadline, today=today, office=office)
    if refusal:
        raise TransitionNotAllowedError(refusal)
    cal = current_calendar()
    days = _feedback_days()
    oversight = Oversight.objects.create(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk, case_label=str(case)[:64],
        deadline=deadline, office=office, department_id=deadline.acting_department_id,
        reasons=reasons, issued_by=acting_user, issued_on=today, feedback_working_days=days,
        feedback_due_on=cal.add_working_days(today, days),
    )
    letter = _letter_issue(oversight, case=case, deadline=deadline, today=today, acting_user=acting_user)
    audit_write(target=case, action="oversight_issue", actor=acting_user, reason=reasons[:200],
                details={"oversight": oversight.pk, "deadline": deadline.pk, "letter": letter.number,
                         "feedback_due_on": oversight.feedback_due_on.isoformat()})
    label = f"{DeadlineKind(deadline.kind).label}期限"
    message = (f"{oversight.office.name}督办（{letter.number}）：{case}{label}（{deadline.due_date:%Y-%m-%d}届满）。"
               f"{reasons}请于{oversight.feedback_due_on:%Y-%m-%d}前书面反馈办理情况。")
    transaction.on_commit(lambda: _notify(handlers_of(oversight.department), deadline=deadline,
                                          step=f"oversight_{oversight.pk}", label=str(case), message=message))
    return oversight


def _letter_issue(oversight: Oversight, *, case, deadline: Deadline, today: datetime.date, acting_user: User):
    """The numbered 督办函 from the office to the department, about the 督办 (not the case: the
    subject's pages list a case's letters, and this one is between offices)."""
    issuer_check(department=oversight.office, kind=LETTER_KIND)
    cal = current_calendar()
    overdue = deadline.due_date < today
    days = cal.working_days_between(deadline.due_date, today) if overdue else cal.working_days_between(
        today, deadline.due_date)
    kind_words = CASE_KIND_WORDS.get(deadline.case_kind, str(deadline.case_kind))
    matter = DeadlineKind(deadline.kind).label
    above = _office_above_of(oversight.office)
    context = {
        "title": f"关于{kind_words}{case.number}{matter}{'逾期未办结' if overdue else '期限即将届满'}的督办函",
        "case_number": case.number, "case_kind": kind_words, "subject_name": case.subject.name,
        "deadline_kind": str(matter), "start_on": deadline.start_date,
        "limit_working_days": deadline.working_days, "due_on": deadline.due_date, "as_of": today,
        "standing": "overdue" if overdue else "at_risk", "working_days": days, "reasons": oversight.reasons,
        "feedback_due_on": oversight.feedback_due_on, "feedback_working_days": oversight.feedback_working_days,
        "escalation_office": above.name if above else None,
        "contact_person": oversight.office.contact_person or None,
        "contact_phone": oversight.office.contact_phone or None,
    }
    return letter_issue(issuer=department_issuer(oversight.office), kind=LETTER_KIND,
                        addressee=oversight.department.name, context=context, about=oversight,
                        acting_user=acting_user, issued_on=today)


def oversight_letter(oversight: Oversight):
    """The 督办函 of a 督办 (None before it is issued)."""
    return letters_about(oversight).filter(kind=LETTER_KIND).order_by("pk").first()


@transaction.atomic
def oversight_answer(*, oversight: Oversight, text: str, acting_user: User,
                     when: datetime.datetime | None = None) -> Oversight:
    """Keep the department's written answer to a 督办."""
    oversight = Oversight.objects.select_for_update().get(pk=oversight.pk)
    if acting_user.role != Role.HANDLER or acting_user.department_id != oversight.department_id:
        raise NotPermittedError("只有被督办单位可以书面反馈。")
    if oversight.status == OversightStatus.ANSWERED:
        raise TransitionNotAllowedError("该督办已书面反馈。")
    text = (text or "").strip()
    if len(text) < 10:
        raise DomainError({"text": "请写明办理情况（不少于10个字）。"})
    before = oversight.status
    oversight.answer, oversight.answered_by, oversight.answered_at = text, acting_user, when or clock.now()
    # An escalated 督办 keeps its mark: the answer came, but after the escalation.
    if oversight.status == OversightStatus.OPEN:
        oversight.status = OversightStatus.ANSWERED
    oversight.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    audit_write(target=oversight.case, action="oversight_answer", actor=acting_user, from_state=before,
                to_state=oversight.status, reason=text[:200], details={"oversight": oversight.pk})
    return oversight


def _office_above(oversight: Oversight) -> Department | None:
    return _office_above_of(oversight.office)


def _office_above_of(office: Department) -> Department | None:
    parent = office.jurisdiction.parent
    while parent is not None:
        office = supervisor_office(parent)
        if office is not None:
            return office
        parent = parent.parent
    return None


def oversight_escalate_due(*, today: datetime.date) -> list[Oversight]:
    """Escalate each 督办 past its feedback date whose deadline is still unmet and overdue; return them.

    Idempotent: an escalated 督办 is never escalated again.
    """
    done = []
    due = (Oversight.objects.exclude(status=OversightStatus.ESCALATED).filter(
        feedback_due_on__lt=today, deadline__met_at__isnull=True, deadline__due_date__lt=today).order_by("id"))
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            oversight = Oversight.objects.select_for_update().select_related("office__jurisdiction", "deadline").get(pk=pk)
            if oversight.status == OversightStatus.ESCALATED:
                continue
            above = _office_above(oversight)
            before = oversight.status
            oversight.status, oversight.escalated_to, oversight.escalated_on = OversightStatus.ESCALATED, above, today
            oversight.escalation_note = "" if above else NO_LEVEL_ABOVE.format(office=oversight.office.name)
            oversight.save(update_fields=["status", "escalated_to", "escalated_on", "escalation_note"])
            audit_write(target=oversight.case, action="oversight_escalate", actor=None, from_state=before,
                        to_state=oversight.status, details={"oversight": oversight.pk,
                                                            "escalated_to": above.pk if above else None})
            # The office above and its supervisors; at the top, the issuing office's own supervisors
            # hear that it stays with them.
            target = above or oversight.office
            recipients = list(User.objects.filter(is_active=True, department=target)) + list(
                User.objects.filter(is_active=True, role=Role.SUPERVISOR, jurisdiction=target.jurisdiction))
            deadline = oversight.deadline
            message = (f"{oversight.case_label}：{oversight.office.name}于{oversight.issued_on:%Y-%m-%d}督办后，"
                       f"{oversight.department.name}至{today:%Y-%m-%d}仍未完成"
                       f"{DeadlineKind(deadline.kind).label}（{deadline.due_date:%Y-%m-%d}届满），"
                       + ("现提级督办。" if above else oversight.escalation_note))
            transaction.on_commit(lambda r=recipients, d=deadline, o=oversight, m=message: _notify(
                r, deadline=d, step=f"oversight_{o.pk}_escalated", label=o.case_label, message=m))
            done.append(oversight)
    return done


def oversights_open(*, scope_path: str | None):
    """The 督办 not yet answered in a supervisor's scope, oldest feedback date first (the dashboard's list)."""
    qs = Oversight.objects.exclude(status=OversightStatus.ANSWERED).select_related("department", "office")
    if scope_path is not None:
        qs = qs.filter(deadline__jurisdiction__path__startswith=scope_path)
    return qs.order_by("feedback_due_on", "id")
