"""Sending the due reports: claim one, POST it, record the answer, next.

What is sent: the report's payload with its uuid and the subject's and
record's identifiers, as canonical JSON (sorted keys, UTF-8), with the
headers `Idempotency-Key: <report uuid>` and `X-Signature: sha256=<HMAC of
the body>`. What counts as a receipt: a 2xx answer whose body carries a valid
`X-Signature` and is a JSON object with a receipt number. Anything else is a
failure, never a receipt.
"""

import json
import logging
import time
from dataclasses import dataclass, field, replace

from django.conf import settings

from calendars import clock
from casework.models import PlatformReport
from exchange import services
from exchange.client import Answer, Unreachable, platform_post
from exchange.models import AttemptOutcome
from exchange.services import AttemptResult, Claim
from exchange.signing import sign, signature_valid

log = logging.getLogger(__name__)

MAX_RECEIPT_LENGTH = 64  # PlatformReport.receipt_number


def report_document(report: PlatformReport) -> dict:
    """The JSON document the platform receives for `report`."""
    return {
        "uuid": str(report.uuid),
        "change": report.change,
        "subject": {"uscc": report.subject.uscc, "name": report.subject.name},
        "record": {"number": report.record.number},
        "payload": report.payload,
        "created_at": report.created_at.isoformat(),
    }


def report_body(report: PlatformReport) -> bytes:
    """The exact bytes sent (and signed): the same for every attempt of a report."""
    document = report_document(report)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def answer_read(answer: Answer, *, secret: str) -> AttemptResult:
    """Classify the platform's answer. Only a signed, well-formed 2xx answer is a receipt."""
    snippet = answer.body[:300].decode("utf-8", "replace")
    if 400 <= answer.status < 500 and answer.status not in (408, 429):
        return AttemptResult(outcome=AttemptOutcome.REJECTED, http_status=answer.status,
                             error=f"HTTP {answer.status}：{snippet}")
    if not 200 <= answer.status < 300:
        outcome = AttemptOutcome.SERVER_ERROR if answer.status >= 500 or answer.status in (408, 429) \
            else AttemptOutcome.INVALID_ANSWER
        return AttemptResult(outcome=outcome, http_status=answer.status,
                             error=f"HTTP {answer.status}：{snippet}")
    if not signature_valid(answer.body, answer.signature, secret):
        why = "应答缺少签名" if not answer.signature else "应答签名不符"
        return AttemptResult(outcome=AttemptOutcome.INVALID_ANSWER, http_status=answer.status,
                             error=f"{why}（X-Signature），不作为回执：{snippet}")
    try:
        document = json.loads(answer.body)
    except ValueError:
        return AttemptResult(outcome=AttemptOutcome.INVALID_ANSWER, http_status=answer.status,
                             error=f"应答不是 JSON，不作为回执：{snippet}")
    receipt = document.get("receipt") if isinstance(document, dict) else None
    if not isinstance(receipt, str) or not receipt.strip() or len(receipt.strip()) > MAX_RECEIPT_LENGTH:
        return AttemptResult(outcome=AttemptOutcome.INVALID_ANSWER, http_status=answer.status,
                             error=f"应答中没有有效的回执号，不作为回执：{snippet}")
    received_at = document.get("received_at")
    return AttemptResult(
        outcome=AttemptOutcome.ACKNOWLEDGED, http_status=answer.status, receipt=receipt.strip(),
        platform_received_at=str(received_at)[:64] if received_at is not None else "",
    )


def attempt_send(claim: Claim) -> AttemptResult:
    """POST the claimed report once and classify what happened. Holds no transaction."""
    report = PlatformReport.objects.select_related("subject", "record").get(pk=claim.report_id)
    body = report_body(report)
    headers = {"Idempotency-Key": str(report.uuid), "X-Signature": sign(body, settings.PLATFORM_SECRET)}
    started = time.monotonic()
    try:
        answer = platform_post(url=settings.PLATFORM_URL, body=body, headers=headers,
                               timeout=settings.PLATFORM_TIMEOUT)
        result = answer_read(answer, secret=settings.PLATFORM_SECRET)
    except Unreachable as exc:
        outcome = AttemptOutcome.TIMEOUT if exc.kind == "timeout" else AttemptOutcome.CONNECTION_ERROR
        result = AttemptResult(outcome=outcome, error=str(exc))
    duration_ms = int((time.monotonic() - started) * 1000)
    return replace(result, duration_ms=duration_ms)


@dataclass
class RunStats:
    adopted: int = 0
    recovered: int = 0
    attempts: int = 0
    errors: int = 0  # answers that could not be recorded (see delivery_run_due)
    outcomes: dict = field(default_factory=dict)

    @property
    def acknowledged(self) -> int:
        return self.outcomes.get(AttemptOutcome.ACKNOWLEDGED, 0)


def delivery_run_due(
    *, subject_id: int | None = None, budget_seconds: float | None = None, max_attempts: int | None = None
) -> RunStats:
    """Send every due report once, oldest first per subject; return what happened.

    The worker's periodic task and "retry now" call this. Each report is
    tried at most once per run (a failed one waits for its back-off and the
    next run), and the run stops after `budget_seconds` so that runs started
    every minute do not pile up.
    """
    budget = settings.PLATFORM_RUN_SECONDS if budget_seconds is None else budget_seconds
    deadline = time.monotonic() + budget
    stats = RunStats()
    services.delivery_sweep_confirmed()
    stats.adopted = services.delivery_adopt_pending(at=clock.now())
    stats.recovered = services.delivery_recover_expired(at=clock.now())
    tried: set[int] = set()
    while time.monotonic() < deadline and (max_attempts is None or stats.attempts < max_attempts):
        claim = services.delivery_claim_next(at=clock.now(), subject_id=subject_id, exclude_ids=tried)
        if claim is None:
            break
        result = attempt_send(claim)
        if result.outcome != AttemptOutcome.ACKNOWLEDGED:
            tried.add(claim.delivery_id)  # once per run, even if its back-off were shorter than the run
        try:
            services.delivery_attempt_finish(claim=claim, result=result, at=clock.now())
        except Exception:
            # Nothing of the answer was recorded (the transaction rolled back): the
            # delivery stays claimed until its lease runs out and is then sent again,
            # which the idempotency key makes harmless. The other reports go on.
            log.exception("recording the answer for report %s failed", claim.report_id)
            tried.add(claim.delivery_id)
            stats.errors += 1
            continue
        stats.attempts += 1
        stats.outcomes[result.outcome] = stats.outcomes.get(result.outcome, 0) + 1
        if result.outcome != AttemptOutcome.ACKNOWLEDGED:
            log.info("platform delivery of report %s attempt %s: %s %s", claim.report_id, claim.number,
                     result.outcome, result.error)
    return stats
