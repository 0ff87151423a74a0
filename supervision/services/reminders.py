"""Reminders before a deadline and escalations after it: the periodic job's work.

Rules (numbers from settings.SUPERVISION):

- reminders `reminder_working_days` (3 and 1) working days before the due
  date and on the due day, to the person a task on the case is assigned to,
  else to every handler of the department that must act (its queue); a
  materials deadline is the subject's, so its officers are reminded, and so
  is a rectification time limit (the government must rectify);
- once overdue, an escalation to the handlers of that department (there is no
  "head of department" in the data yet: all its handlers stand for it) and to
  the supervisors of the jurisdiction chain, i.e. of every jurisdiction above
  and including the subject's and the department's; repeated every
  `escalation_every_working_days` (5) working days while it stays overdue.
  A materials deadline is not escalated: the subject's delay is no
  department's fault, and the case goes on without the materials; an
  overdue rectification is escalated to the supervisor office that ordered
  it (it must press the government and hold persons accountable);
- the job acts on working days only (nobody reads a reminder on National
  Day); a missed run catches up with the step due now, not every step missed;
- each step is recorded on the case's audit trail once, and sent once per
  recipient: `Notification` is unique per (deadline, step, recipient).
"""

import dataclasses
import datetime
import logging
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars.current import current_calendar
from calendars.index import WorkdayIndex
from casework.models import Deadline, Role, User
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_write
from supervision.models import Notification, NotificationKind
from supervision.sources import case_of, subject_acts

logger = logging.getLogger(__name__)

AUDIT_REMINDER = "deadline_reminder_sent"
AUDIT_ESCALATION = "deadline_escalated"
DUE_DAY = "due_day"


def _conf() -> dict:
    return settings.SUPERVISION


def reminder_thresholds() -> list[int]:
    """Working days before the due date at which a reminder goes out, the due day (0) included."""
    return sorted({int(n) for n in _conf()["reminder_working_days"]} | {0}, reverse=True)


def deadline_step(*, due: datetime.date, today: datetime.date, calendar: WorkdayIndex,
                  escalate: bool = True) -> tuple[str, int] | None:
    """The step a deadline due on `due` has reached on `today`: (step, working days left or late).

    remind_3 / remind_1 / due_day before and on the due day; escalate_1 on the
    first working day after it, escalate_2 five working days later, and so on.
    None when nothing is due yet (or, with escalate=False, when it is overdue).
    """
    left = calendar.working_days_between(today, due)
    if due >= today:
        reached = [t for t in reminder_thresholds() if left <= t]
        if not reached:
            return None
        t = min(reached)
        return (DUE_DAY if t == 0 else f"remind_{t}"), left
    late = -left
    if late < 1 or not escalate:
        return None
    every = int(_conf()["escalation_every_working_days"])
    return f"escalate_{(late - 1) // every + 1}", late


def _chain_paths(path: str) -> list[str]:
    """'220000/220100/' → ['220000/', '220000/220100/']."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _assignee(case, department) -> User | None:
    """The person who claimed an open task on the case for `department`, if any."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    task = (
        Task.objects.filter(
            process__artifact_content_type=ContentType.objects.get_for_model(case),
            process__artifact_object_id=case.pk,
            status__in=[STATUS.ASSIGNED, STATUS.STARTED],
            owner__isnull=False, owner__is_active=True, owner__department=department,
        )
        .select_related("owner")
        .order_by("-created")
        .first()
    )
    return task.owner if task else None


def handlers_of(department) -> list[User]:
    return list(User.objects.filter(role=Role.HANDLER, department=department, is_active=True).order_by("id"))


def reminder_recipients(case, department) -> list[User]:
    if department is None:
        return list(User.objects.filter(role=Role.SUBJECT_OFFICER, subject_id=case.subject_id, is_active=True)
                    .order_by("id"))
    assignee = _assignee(case, department)
    return [assignee] if assignee else handlers_of(department)


def escalation_recipients(case, department) -> list[User]:
    paths = set(_chain_paths(case.subject.jurisdiction.path)) | set(_chain_paths(department.jurisdiction.path))
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True, jurisdiction__path__in=paths)
    return handlers_of(department) + list(supervisors.order_by("id"))


@dataclasses.dataclass
class RunResult:
    today: datetime.date
    working_day: bool = True
    steps: int = 0
    notifications: int = 0


def reminded_due(kind: str, due: datetime.date, stated: datetime.date | None) -> datetime.date:
    """The date a reminder counts to: the legal due date, except for the subject's own supply
    limit, where the later date its letter stated holds (what the subject was promised)."""
    return max(due, stated) if kind == DeadlineKind.MATERIALS and stated is not None else due


def _message(*, case, deadline, department, step: str, days: int, subject_acts: bool = False) -> str:
    label = f"{DeadlineKind(deadline.kind).label}期限"
    who = department.name if department is not None else "申请主体"
    due = f"{reminded_due(deadline.kind, deadline.due_date, deadline.stated_due_date):%Y-%m-%d}"
    if subject_acts and step.startswith("escalate_"):
        return (f"{case}：{label}已于{due}届满，{case.subject}已逾期{days}个工作日，现予督办，"
                f"请{who}督促整改并依规追究相关责任。")
    if subject_acts:
        who = case.subject.name
    if step == DUE_DAY:
        return f"{case}：{label}今日（{due}）到期，请{who}于今日内办结。"
    if step.startswith("remind_"):
        return f"{case}：{label}将于{due}到期，还剩{days}个工作日，请{who}抓紧办理。"
    return (f"{case}：{label}已于{due}届满，已逾期{days}个工作日，现予督办，"
            f"请{who}立即办理并说明逾期原因。")


def _send_step(*, deadline_id: int, step: str, today: datetime.date, calendar: WorkdayIndex) -> int:
    """Record one step of one deadline; return the notifications created (0 if already sent)."""
    from supervision.tasks import notification_email_task

    with transaction.atomic():
        # The row lock serialises two runs on the same deadline, so the audit row is written once.
        deadline = Deadline.objects.select_for_update().filter(pk=deadline_id, met_at__isnull=True).first()
        if deadline is None or deadline.due_date is None:
            return 0
        now_step = deadline_step(due=reminded_due(deadline.kind, deadline.due_date, deadline.stated_due_date),
                                 today=today, calendar=calendar)
        if now_step is None or now_step[0] != step:
            return 0  # the due date moved since the candidates were read
        days = now_step[1]
        case, department = case_of(deadline), deadline.acting_department
        escalation = step.startswith("escalate_")
        if escalation and department is None:
            return 0
        subject_must_act = subject_acts(deadline)
        # The subject is reminded of what it must do; the department answering for the case hears when it is late.
        reminded = None if subject_must_act else department
        recipients = escalation_recipients(case, department) if escalation else reminder_recipients(case, reminded)
        message = _message(case=case, deadline=deadline, department=department if escalation else reminded,
                           step=step, days=days, subject_acts=subject_must_act)
        case_type = ContentType.objects.get_for_model(case)
        created = []
        for user in dict.fromkeys(recipients):  # a handler may also be reached twice
            note, was_created = Notification.objects.get_or_create(
                deadline=deadline, step=step, recipient=user,
                defaults={
                    "case_type": case_type, "case_id": case.pk, "case_label": str(case),
                    "kind": NotificationKind.ESCALATION if escalation else NotificationKind.REMINDER,
                    "message": message,
                },
            )
            if was_created:
                created.append(user)
        if created:
            audit_write(
                target=case, action=AUDIT_ESCALATION if escalation else AUDIT_REMINDER, actor=None,
                reason=message,
                details={
                    "deadline": deadline.pk, "kind": deadline.kind, "step": step,
                    "due_date": deadline.due_date.isoformat(), "today": today.isoformat(),
                    ("working_days_late" if escalation else "working_days_left"): days,
                    "department": department.name if department is not None else None,
                    "recipients": [u.username for u in created],
                },
            )
            transaction.on_commit(partial(notification_email_task))
        return len(created)


def supervision_remind(*, today: datetime.date, calendar: WorkdayIndex | None = None) -> RunResult:
    """Send every reminder and escalation due on `today` that has not been sent. Idempotent."""
    cal = calendar or current_calendar()
    result = RunResult(today=today)
    if not cal.is_working_day(today):
        result.working_day = False
        return result
    horizon = cal.add_working_days(today, max(reminder_thresholds()) or 1)
    candidates = (
        Deadline.objects.filter(met_at__isnull=True, due_date__isnull=False, due_date__lte=horizon)
        .values_list("id", "due_date", "kind", "stated_due_date")
        .order_by("due_date", "id")
    )
    wanted: dict[int, str] = {}
    for deadline_id, due, kind, stated in candidates.iterator(chunk_size=2000):
        step = deadline_step(due=reminded_due(kind, due, stated), today=today, calendar=cal,
                             escalate=kind != DeadlineKind.MATERIALS)
        if step is not None:
            wanted[deadline_id] = step[0]
    ids = list(wanted)
    sent = set()
    for i in range(0, len(ids), 900):  # SQLite's limit on query parameters
        chunk = ids[i:i + 900]
        sent |= set(Notification.objects.filter(deadline_id__in=chunk, step__in=set(wanted[d] for d in chunk))
                    .values_list("deadline_id", "step").distinct())
    for deadline_id in ids:
        step = wanted[deadline_id]
        if (deadline_id, step) in sent:
            continue
        try:
            created = _send_step(deadline_id=deadline_id, step=step, today=today, calendar=cal)
        except Exception:  # one broken case must not stop the others' reminders
            logger.exception("reminder step %s for deadline %s failed", step, deadline_id)
            continue
        if created:
            result.steps += 1
            result.notifications += created
    return result

