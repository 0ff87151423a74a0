"""What follows a decision that changes a record, for every case kind.

An upheld objection and an approved repair both write a report to the
provincial platform (an outbox row with a 5-working-day deadline) and ask
each department that imposed a measure to apply the decision to it
(`MeasureLifting`, one per measure). The case closes when the platform has
acknowledged the report and every department has confirmed; each case kind
says how it closes (`_closer`).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars import clock
from casework.errors import DomainError, NotPermittedError
from casework.limits import RECEIPT_MAX, limit, text_check
from casework.models import (
    Deadline,
    MeasureLifting,
    MeasureLiftingAction,
    PlatformReport,
    PlatformReportStatus,
    PunishmentMeasure,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.services import deadlines as deadline_services
from casework.services.audit import audit_write

# --- deadlines owned by a case or by one of its follow-up rows ---


def case_deadline(owner, kind: str) -> Deadline | None:
    """The newest deadline of `kind` on `owner` (a case, a report or a lifting)."""
    return (
        Deadline.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk, kind=kind)
        .order_by("-id")
        .first()
    )


def open_deadline(owner, kind: str) -> Deadline | None:
    deadline = case_deadline(owner, kind)
    return deadline if deadline is not None and deadline.is_open else None


def meet(owner, kind: str, acting_user: User | None, *, at: datetime.datetime | None = None) -> None:
    """Meet the open deadline of `kind` on `owner`, if there is one."""
    deadline = open_deadline(owner, kind)
    if deadline is not None:
        deadline_services.deadline_meet(deadline=deadline, at=at or clock.now(), acting_user=acting_user)


def due_iso(owner) -> str:
    """The due date of `owner`'s newest deadline as an ISO string, '' when none."""
    if owner is None:
        return ""
    deadline = Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk
    ).order_by("-id").first()
    return deadline.due_date.isoformat() if deadline and deadline.due_date else ""


# --- reading the follow-up of a case ---


def case_platform_report(case) -> PlatformReport | None:
    return PlatformReport.objects.filter(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk
    ).order_by("-id").first()


def case_liftings(case):
    return MeasureLifting.objects.filter(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk
    ).select_related("measure__imposed_by", "department")


def followup_done(case) -> bool:
    """Whether the report (if any) is acknowledged and every lifting confirmed."""
    report = case_platform_report(case)
    if report is not None and report.delivered_at is None:
        return False
    return not case_liftings(case).filter(confirmed_at__isnull=True).exists()


# --- writing it, inside the deciding service's transaction ---


def platform_report_write(*, case, record, change: str, payload: dict, at: datetime.datetime,
                          acting_user: User | None) -> PlatformReport:
    """Write the report to the provincial platform, due in 5 working days from `at`."""
    report = PlatformReport.objects.create(
        subject=record.subject, record=record, change=change, case=case, payload=payload,
    )
    deadline_services.deadline_create(
        owner=report, kind=DeadlineKind.PROVINCIAL_REPORT, start=clock.beijing_date(at),
        working_days=limit("provincial_report_working_days"), acting_user=acting_user,
    )
    audit_write(target=case, action="platform_report_written", actor=acting_user,
                details={"report": str(report.uuid), "change": change})
    return report


def liftings_open(*, case, measures: list[tuple[PunishmentMeasure, str]], acting_user: User | None
                  ) -> list[MeasureLifting]:
    """Ask each imposing department to apply `action` to its measure; one deadline each."""
    liftings = []
    for measure, action in measures:
        lifting = MeasureLifting.objects.create(
            measure=measure, department=measure.imposed_by, case=case, action=action,
        )
        deadline_services.deadline_create(
            owner=lifting, kind=DeadlineKind.MEASURE_LIFTING, start=clock.today(),
            working_days=limit("measure_lifting_working_days"), acting_user=acting_user,
        )
        liftings.append(lifting)
    audit_write(target=case, action="liftings_opened", actor=acting_user,
                details={"measures": [lifting.measure_id for lifting in liftings],
                         "actions": [lifting.action for lifting in liftings],
                         "departments": sorted({lifting.department.name for lifting in liftings})})
    return liftings


# --- confirmations, from the departments and from the platform ---


def _closer(case):
    """The case kind's "close if all is done" function; it expects the case locked."""
    from casework.models import ObjectionCase, RepairCase
    from casework.services import objections, repairs

    closers = {ObjectionCase: objections.objection_try_close, RepairCase: repairs.repair_try_close}
    return closers.get(type(case))


def _try_close(case) -> bool:
    closer = _closer(case)
    if closer is None:
        return False
    return closer(type(case).objects.select_for_update().get(pk=case.pk))


@transaction.atomic
def lifting_confirm(*, case, measure_id: int, acting_user: User) -> MeasureLifting:
    """The imposing department confirms it applied the decision to its measure."""
    from casework.permissions import lifting_actor_may

    case = type(case).objects.select_for_update().get(pk=case.pk)
    lifting = case_liftings(case).filter(measure_id=measure_id).first()
    if lifting is None:
        raise DomainError({"measure": "该案件没有这项惩戒措施的解除任务。"})
    if not lifting_actor_may(acting_user, lifting):
        raise NotPermittedError("只有实施该惩戒措施的部门可以确认解除。")
    lifting = MeasureLifting.objects.select_for_update().select_related("department").get(pk=lifting.pk)
    if lifting.confirmed_at is not None:
        raise DomainError(f"该措施已于{lifting.confirmed_at:%Y-%m-%d}确认{lifting.get_action_display()}。")
    now = clock.now()
    measure = lifting.measure
    if lifting.action == MeasureLiftingAction.LIFT:
        measure.lift(on=clock.beijing_date(now), case=case)
    else:
        measure.reduce(on=clock.beijing_date(now), case=case)
    measure.save()
    lifting.confirm(by=acting_user, at=now)
    lifting.save()
    meet(lifting, DeadlineKind.MEASURE_LIFTING, acting_user, at=now)
    audit_write(target=case, action="confirm_lifting", actor=acting_user,
                details={"measure": measure.pk, "kind": measure.kind, "department": lifting.department.name,
                         "lifting_action": lifting.action})
    _try_close(case)
    return lifting


@transaction.atomic
def report_confirm(*, case, receipt: str, actor_may, acting_user: User) -> PlatformReport:
    """A handler records by hand that the provincial platform acknowledged the case's report;
    `actor_may` is the case kind's rule (casework.permissions) for who may ("confirm_report")."""
    case = type(case).objects.select_for_update().get(pk=case.pk)
    if not actor_may(acting_user, case, "confirm_report"):
        raise NotPermittedError("您无权确认该案件的报送情况。")
    report = case_platform_report(case)
    if report is None:
        raise DomainError("该案件没有需要报送省级平台的事项。")
    return platform_report_acknowledge(report=report, receipt=receipt, at=clock.now(), acting_user=acting_user)


@transaction.atomic
def platform_report_acknowledge(
    *, report: PlatformReport, receipt: str, at: datetime.datetime, acting_user: User | None = None
) -> PlatformReport:
    """The provincial platform acknowledged `report` with `receipt` at `at`.

    Called by a handler (confirming by hand) or by the delivery worker
    (`acting_user=None`). The report's deadline is met at acknowledgement, and
    the case closes if that was all it waited for.
    """
    text_check(receipt=(receipt, RECEIPT_MAX))
    receipt = (receipt or "").strip()
    if not receipt:
        raise DomainError({"receipt": "请填写省级平台回执号。"})
    report = PlatformReport.objects.select_for_update().get(pk=report.pk)
    if report.delivered_at is not None:
        raise DomainError(f"已于{report.delivered_at:%Y-%m-%d}确认报送，回执号 {report.receipt_number}。")
    report.mark_delivered(receipt=receipt, at=at)
    report.confirmed_by = acting_user
    report.save()
    meet(report, DeadlineKind.PROVINCIAL_REPORT, acting_user, at=at)
    audit_write(target=report.about, action="confirm_report", actor=acting_user, reason=f"回执号 {receipt}",
                details={"report": str(report.uuid)})
    if report.case_id is not None:  # a record-level message (终止公示) has no case to close
        _try_close(report.case)
    return report


@transaction.atomic
def platform_report_fail(*, report: PlatformReport, reason: str, acting_user: User | None = None) -> bool:
    """Mark a pending report failed (the platform refused it) and say why on the case.

    Returns False when the report was no longer pending (delivered or already
    failed meanwhile): nothing to do.
    """
    report = PlatformReport.objects.select_for_update().get(pk=report.pk)
    if report.status != PlatformReportStatus.PENDING:
        return False
    report.mark_failed()
    report.save(update_fields=["status"])
    # The report's states go in the details: from/to on a case's row name the case's states.
    audit_write(target=report.about, action="platform_delivery_failed", actor=acting_user, reason=reason,
                details={"report": str(report.uuid), "from": PlatformReportStatus.PENDING,
                         "to": PlatformReportStatus.FAILED})
    return True
