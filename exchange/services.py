"""The delivery worker's writes: one function per change of a delivery's state.

Each is atomic and safe when two workers run it at the same moment: rows are
claimed by a conditional UPDATE (`state = pending` → `delivering` with a fresh
token), so of two workers only one flips a row; on PostgreSQL the candidates
are also read with `SELECT … FOR UPDATE SKIP LOCKED`, so workers do not even
queue behind each other. No HTTP happens here: `exchange.delivery` sends
between `delivery_claim_next` and `delivery_attempt_finish`, outside any
transaction.
"""

import datetime
import logging
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef

from calendars import clock
from casework.errors import DomainError, NotPermittedError
from casework.models import PlatformReport, PlatformReportStatus, User
from casework.services.audit import audit_write
from casework.services.followup import platform_report_fail
from exchange.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryState
from exchange.selectors import supervisors_for_subject, user_may_operate

log = logging.getLogger(__name__)

OPEN_STATES = (DeliveryState.PENDING, DeliveryState.DELIVERING)
_ADOPT_CHUNK = 500


@dataclass(frozen=True)
class Claim:
    """A worker's hold on one delivery for one attempt."""

    delivery_id: int
    report_id: int
    number: int
    token: uuid.UUID


@dataclass(frozen=True)
class AttemptResult:
    outcome: str
    http_status: int | None = None
    error: str = ""
    receipt: str = ""
    platform_received_at: str = ""
    duration_ms: int | None = None


def backoff_seconds(failures: int, *, base: float, cap: float, rng=random) -> float:
    """Seconds to wait after the `failures`-th failure in a row.

    Exponential (base, 2·base, 4·base … up to cap) with "equal jitter": half
    the delay fixed, half random, so many reports failing together (the
    platform went down) do not all come back in the same second.
    """
    delay = min(cap, base * 2 ** max(0, failures - 1))
    return delay / 2 + rng.uniform(0, delay / 2)


# --- bringing reports in ---

def delivery_adopt_pending(*, at: datetime.datetime) -> int:
    """Give every pending report that has no delivery yet one, due at `at`.

    casework writes the report (the outbox row) in the decision's transaction;
    this is where the worker learns of it. Concurrent callers may both try:
    the unique report column and `ignore_conflicts` keep one row.
    """
    adopted = 0
    while True:
        missing = PlatformReport.objects.filter(status=PlatformReportStatus.PENDING).exclude(
            Exists(Delivery.objects.filter(report_id=OuterRef("pk")))
        )
        rows = list(missing.order_by("pk").values_list("pk", "subject_id")[:_ADOPT_CHUNK])
        if not rows:
            return adopted
        Delivery.objects.bulk_create(
            [Delivery(report_id=pk, subject_id=subject_id, next_attempt_at=at) for pk, subject_id in rows],
            ignore_conflicts=True,
        )
        adopted += len(rows)
        if len(rows) < _ADOPT_CHUNK:
            return adopted


def delivery_sweep_confirmed() -> int:
    """Close deliveries whose report a handler confirmed by hand meanwhile: nothing left to send."""
    return Delivery.objects.filter(
        state__in=[DeliveryState.PENDING, DeliveryState.FAILED], report__status=PlatformReportStatus.DELIVERED
    ).update(state=DeliveryState.DELIVERED, next_attempt_at=None)


# --- claiming ---

def _due(*, at: datetime.datetime, subject_id: int | None, exclude_ids):
    # A subject's reports go out oldest first: one waits while an older one
    # of the same subject is pending (even in its back-off) or in flight.
    older_open = Delivery.objects.filter(
        subject_id=OuterRef("subject_id"), report_id__lt=OuterRef("report_id"), state__in=OPEN_STATES
    )
    due = Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=at)
    due = due.exclude(Exists(older_open))
    if subject_id is not None:
        due = due.filter(subject_id=subject_id)
    if exclude_ids:
        due = due.exclude(pk__in=list(exclude_ids))
    # Oldest report first: its 5-day deadline ends first. (Also lets the
    # database walk the (state, report) index and stop at the first due row.)
    return due.order_by("report_id")


def delivery_claim_next(
    *, at: datetime.datetime, subject_id: int | None = None, exclude_ids=()
) -> Claim | None:
    """Claim the next due delivery for one attempt, or return None when none is due.

    The attempt row is committed before any request leaves, so a worker that
    dies in the middle leaves an `in_flight` attempt for
    `delivery_recover_expired` to close.
    """
    lease = datetime.timedelta(seconds=settings.PLATFORM_LEASE_SECONDS)
    due = _due(at=at, subject_id=subject_id, exclude_ids=exclude_ids)
    skip_locked = connection.features.has_select_for_update_skip_locked
    for _ in range(8):
        if not skip_locked:
            # SQLite: a plain read outside the transaction; the conditional UPDATE below
            # decides, and as the transaction's first statement it takes the write lock
            # at once (SQLite cannot upgrade a reader to a writer while another writes).
            pk = due.values_list("pk", flat=True).first()
        with transaction.atomic():
            if skip_locked:
                # PostgreSQL: the oldest due row nobody else is claiming, locked until commit.
                pk = due.select_for_update(skip_locked=True).values_list("pk", flat=True).first()
            if pk is None:
                return None
            token = uuid.uuid4()
            flipped = Delivery.objects.filter(pk=pk, state=DeliveryState.PENDING).update(
                state=DeliveryState.DELIVERING, claim_token=token, lease_until=at + lease,
                attempts=F("attempts") + 1, updated_at=at,
            )
            if flipped != 1:
                continue  # another worker was quicker: look again
            report_id, number = Delivery.objects.filter(pk=pk).values_list("report_id", "attempts").get()
            DeliveryAttempt.objects.create(report_id=report_id, number=number, started_at=at)
        return Claim(delivery_id=pk, report_id=report_id, number=number, token=token)
    return None


def _lock_delivery(pk: int, at: datetime.datetime) -> Delivery:
    """Lock a delivery row for this transaction and return it. Expects an open transaction.

    Touching the row first makes this the transaction's first write: on
    PostgreSQL the UPDATE takes the row lock, on SQLite the database's write
    lock, before anything is read (SQLite cannot upgrade a reader to a writer
    while another writer waits).
    """
    Delivery.objects.filter(pk=pk).update(updated_at=at)
    return Delivery.objects.select_for_update().get(pk=pk)


# --- the answer ---

_OUTCOME_WORDS = {
    AttemptOutcome.ACKNOWLEDGED: "平台已确认接收",
    AttemptOutcome.SERVER_ERROR: "平台故障，稍后重试",
    AttemptOutcome.TIMEOUT: "平台未在时限内应答，稍后重试",
    AttemptOutcome.CONNECTION_ERROR: "无法连接平台，稍后重试",
    AttemptOutcome.INVALID_ANSWER: "平台应答无效（格式错误或签名不符），不作为回执，稍后重试",
    AttemptOutcome.REJECTED: "平台拒收，停止重试，需人工处理",
    AttemptOutcome.INTERRUPTED: "发送进程中断，稍后重试",
}


def _audit_attempt(*, case, report: PlatformReport, number: int, result: AttemptResult) -> None:
    audit_write(
        target=case, action="platform_delivery_attempt", actor=None,
        reason=f"第{number}次报送：{_OUTCOME_WORDS.get(result.outcome, result.outcome)}",
        details={
            "report": str(report.uuid), "attempt": number, "outcome": result.outcome,
            "http_status": result.http_status, "error": result.error[:500], "duration_ms": result.duration_ms,
            "receipt": result.receipt,
        },
    )


def delivery_attempt_finish(*, claim: Claim, result: AttemptResult, at: datetime.datetime) -> Delivery:
    """Record what one attempt brought back and decide what follows.

    A receipt meets the report's deadline and may close the case (through
    `workflows.objection_actions.platform_report_acknowledge`); a rejection
    (4xx) stops and fails the report; anything else is tried again after a
    back-off. A worker whose lease ran out (another took the delivery back)
    still records its attempt, and a genuine receipt still counts, but it no
    longer decides the delivery's next step.
    """
    from workflows.objection_actions import platform_report_acknowledge

    with transaction.atomic():
        delivery = _lock_delivery(claim.delivery_id, at)
        DeliveryAttempt.objects.filter(report_id=claim.report_id, number=claim.number).update(
            outcome=result.outcome, finished_at=at, http_status=result.http_status, error=result.error,
            receipt=result.receipt, platform_received_at=result.platform_received_at,
            duration_ms=result.duration_ms,
        )
        report = PlatformReport.objects.select_related("subject", "record").get(pk=claim.report_id)
        case = report.about  # the case, or the record of a record-level message (终止公示)
        _audit_attempt(case=case, report=report, number=claim.number, result=result)
        holds = delivery.state == DeliveryState.DELIVERING and delivery.claim_token == claim.token

        if result.outcome == AttemptOutcome.ACKNOWLEDGED:
            if report.delivered_at is None:
                platform_report_acknowledge(report=report, receipt=result.receipt, at=at)
            delivery.state = DeliveryState.DELIVERED
            delivery.next_attempt_at = None
            delivery.last_error = ""
        elif not holds:
            return delivery
        elif report.delivered_at is not None:
            # A handler confirmed it by hand while this attempt was out: nothing left to do.
            delivery.state = DeliveryState.DELIVERED
            delivery.next_attempt_at = None
        elif result.outcome == AttemptOutcome.REJECTED:
            delivery.state = DeliveryState.FAILED
            delivery.failures += 1
            delivery.next_attempt_at = None
            delivery.last_error = result.error
            _report_mark_failed(report=report, case=case, error=result.error)
            _escalate(delivery=delivery, report=report, case=case, at=at,
                      why=f"平台拒收（HTTP {result.http_status}），已停止自动重试")
        else:
            _schedule_retry(delivery=delivery, report=report, case=case, at=at, error=result.error)
        delivery.claim_token = None
        delivery.lease_until = None
        delivery.save(update_fields=_DECIDED_FIELDS)
    return delivery


_DECIDED_FIELDS = ["state", "failures", "next_attempt_at", "last_error", "escalated_at", "claim_token",
                   "lease_until", "updated_at"]


def _schedule_retry(*, delivery: Delivery, report: PlatformReport, case, at, error: str) -> None:
    """Back off after a failure; the `max`-th failure in a row reaches the supervisors once.

    Retrying goes on after that (at the back-off's cap): the platform may come back.
    """
    delivery.state = DeliveryState.PENDING
    delivery.failures += 1
    delivery.last_error = error
    delay = backoff_seconds(delivery.failures, base=settings.PLATFORM_BACKOFF_BASE,
                            cap=settings.PLATFORM_BACKOFF_CAP)
    delivery.next_attempt_at = at + datetime.timedelta(seconds=delay)
    if delivery.failures >= settings.PLATFORM_MAX_FAILURES and delivery.escalated_at is None:
        _escalate(delivery=delivery, report=report, case=case, at=at,
                  why=f"连续{delivery.failures}次报送失败，仍在自动重试")


def _report_mark_failed(*, report: PlatformReport, case, error: str) -> None:
    """Show the report as failed (报送失败) in casework; a later receipt still counts."""
    platform_report_fail(report=report, reason=f"省级平台拒收：{error[:200]}")


def _escalate(*, delivery: Delivery, report: PlatformReport, case, at, why: str) -> None:
    """Tell the supervisors of the subject's jurisdiction chain: an audit row now, a mail after commit."""
    supervisors = list(supervisors_for_subject(report.subject))
    recipients = sorted({user.email for user in supervisors if user.email})
    delivery.escalated_at = at
    audit_write(
        target=case, action="platform_delivery_escalated", actor=None, reason=why,
        details={"report": str(report.uuid), "failures": delivery.failures,
                 "last_error": delivery.last_error[:500],
                 "supervisors": [user.username for user in supervisors], "mailed": recipients},
    )
    if not recipients:
        return
    number = getattr(case, "number", str(case))
    subject = f"【省级平台报送】{number} {why}"
    body = "\n".join([
        f"案件：{number}" if report.case_id is not None else f"信用记录：{number}（无案件，{report.get_change_display()}）",
        f"主体：{report.subject}",
        f"信用记录：{report.record.number}（{report.get_change_display()}）",
        f"报送标识：{report.uuid}",
        f"情况：{why}",
        f"失败次数：{delivery.failures}",
        f"最近错误：{delivery.last_error or '—'}",
        "",
        "请在“省级平台报送”页面查看每次发送的记录，必要时联系省级信用平台或点击“立即重试”。",
    ])

    def mail():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # the mail server must not stop the worker; the audit row stands
            log.exception("escalation mail for report %s failed", report.uuid)

    transaction.on_commit(mail)


# --- a worker that died ---

def delivery_recover_expired(*, at: datetime.datetime) -> int:
    """Take back deliveries whose worker's lease ran out (it was killed or hung).

    Their in-flight attempt becomes `interrupted`; the report goes out again
    and the platform's idempotency key keeps it from being stored twice.
    """
    recovered = 0
    expired = Delivery.objects.filter(state=DeliveryState.DELIVERING, lease_until__lt=at).values_list(
        "pk", "claim_token", "report_id", "attempts"
    )[:100]
    message = "发送进程在收到平台应答前中断（租约到期），将重新发送"
    for pk, token, report_id, number in list(expired):
        with transaction.atomic():
            delivery = _lock_delivery(pk, at)
            if delivery.state != DeliveryState.DELIVERING or delivery.claim_token != token:
                continue
            DeliveryAttempt.objects.filter(
                report_id=report_id, number=number, outcome=AttemptOutcome.IN_FLIGHT
            ).update(outcome=AttemptOutcome.INTERRUPTED, finished_at=at, error=message)
            report = PlatformReport.objects.select_related("subject", "record").get(pk=report_id)
            case = report.about
            _audit_attempt(case=case, report=report, number=number,
                           result=AttemptResult(outcome=AttemptOutcome.INTERRUPTED, error=message))
            _schedule_retry(delivery=delivery, report=report, case=case, at=at, error=message)
            delivery.next_attempt_at = at  # the platform did nothing wrong: no reason to wait
            delivery.claim_token = None
            delivery.lease_until = None
            delivery.save()
            recovered += 1
    return recovered


# --- people ---

def delivery_retry_now(*, report: PlatformReport, acting_user: User) -> Delivery:
    """An administrator or supervisor asks for a report to be sent again now.

    Older open reports of the same subject become due now too, since they go
    first. The send itself is queued after commit.
    """
    report = PlatformReport.objects.select_related("subject__jurisdiction").get(pk=report.pk)
    if not user_may_operate(acting_user, report):
        raise NotPermittedError("只有系统管理员和辖区监督人员可以重新报送。")
    now = clock.now()
    with transaction.atomic():
        # A write first (see `_lock_delivery`): the delivery row, if the worker has none yet.
        Delivery.objects.bulk_create(
            [Delivery(report_id=report.pk, subject_id=report.subject_id, next_attempt_at=now)],
            ignore_conflicts=True,
        )
        delivery = _lock_delivery(Delivery.objects.get(report_id=report.pk).pk, now)
        report.refresh_from_db(fields=["status", "delivered_at", "receipt_number"])
        if report.delivered_at is not None:
            raise DomainError(f"该事项已于{report.delivered_at:%Y-%m-%d %H:%M}由平台确认"
                              f"（回执号 {report.receipt_number}）。")
        if delivery.state == DeliveryState.DELIVERING:
            raise DomainError("该事项正在发送中，请稍后刷新页面查看结果。")
        previous = delivery.state
        Delivery.objects.filter(
            subject_id=delivery.subject_id, report_id__lt=delivery.report_id, state=DeliveryState.PENDING
        ).update(next_attempt_at=now)
        delivery.state = DeliveryState.PENDING
        delivery.next_attempt_at = now
        delivery.save()
        audit_write(target=report.about, action="platform_delivery_retry", actor=acting_user,
                    reason="人工要求立即重新报送省级平台",
                    details={"report": str(report.uuid), "from_state": previous})
        subject_id = delivery.subject_id

        def enqueue():
            from exchange.tasks import platform_deliver_subject_task

            platform_deliver_subject_task(subject_id)

        transaction.on_commit(enqueue)
    return delivery
