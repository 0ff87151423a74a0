"""Delivering reports to the platform simulator: what is sent, what counts as a receipt, what follows."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from casework.models import AuditEntry, Deadline, ObjectionStatus, PlatformReportStatus
from casework.models.deadlines import DeadlineKind
from exchange.delivery import delivery_run_due, report_body
from exchange.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryState
from exchange.signing import sign
from tests.exchange.conftest import SECRET, deliver_after_one_fault, make_pending_report, sim_get
from tests.factories import JurisdictionFactory, SubjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _attempts(report):
    attempts = DeliveryAttempt.objects.filter(report=report).order_by("number")
    return list(attempts.values_list("outcome", flat=True))


def test_a_pending_report_is_posted_signed_under_its_uuid_and_the_receipt_is_stored(simulator, fake_clock):
    report = make_pending_report()
    stats = delivery_run_due()
    assert stats.acknowledged == 1
    report.refresh_from_db()
    stored = sim_get(simulator, "/reports.json")
    assert [row["idempotency_key"] for row in stored] == [str(report.uuid)]
    assert report.status == PlatformReportStatus.DELIVERED
    assert report.receipt_number == stored[0]["receipt"]
    assert report.delivered_at == fake_clock.at
    body = json.loads(report_body(report))
    assert body["uuid"] == str(report.uuid)
    assert body["subject"]["uscc"] == report.subject.uscc
    assert body["record"]["number"] == report.record.number
    assert body["payload"]["case_number"] == report.payload["case_number"]
    assert _attempts(report) == [AttemptOutcome.ACKNOWLEDGED]
    assert Delivery.objects.get(report=report).state == DeliveryState.DELIVERED


def test_the_reports_deadline_is_met_at_acknowledgement(simulator, fake_clock):
    report = make_pending_report()
    fake_clock.advance(3600)
    delivery_run_due()
    deadline = Deadline.objects.get(owner_type=ContentType.objects.get_for_model(report), owner_id=report.pk,
                                    kind=DeadlineKind.PROVINCIAL_REPORT)
    assert deadline.met_at == fake_clock.at


def test_the_receipt_closes_a_case_that_waited_only_for_it(simulator, fake_clock):
    report = make_pending_report(reply=True)
    case = report.case
    assert case.status == ObjectionStatus.FOLLOWING_UP
    delivery_run_due()
    case.refresh_from_db()
    assert case.status == ObjectionStatus.CLOSED


def test_every_attempt_is_on_the_case_timeline(simulator, fake_clock):
    report = deliver_after_one_fault(simulator, fake_clock, "fail_next")
    rows = AuditEntry.objects.filter(target_id=report.case.pk, action="platform_delivery_attempt")
    rows = rows.order_by("id")
    assert [(r.details["attempt"], r.details["outcome"], r.details["http_status"]) for r in rows] == [
        (1, "server_error", 500), (2, "acknowledged", 201),
    ]
    assert all("duration_ms" in r.details and "error" in r.details for r in rows)
    assert "第1次报送" in rows[0].reason


def test_a_5xx_is_retried_after_an_exponential_jittered_back_off(simulator, fake_clock, settings):
    report = make_pending_report()
    simulator.control({"fail_next": 3})
    delays = []
    for _ in range(3):
        before = fake_clock.at
        delivery_run_due()
        delivery = Delivery.objects.get(report=report)
        assert delivery.state == DeliveryState.PENDING
        delays.append((delivery.next_attempt_at - before).total_seconds())
        # Not due yet: a run now sends nothing.
        assert delivery_run_due().attempts == 0
        fake_clock.at = delivery.next_attempt_at
    # base 10 → 5..10, 20 → 10..20, 40 → 20..40 seconds
    for delay, full in zip(delays, [10, 20, 40]):
        assert full / 2 <= delay <= full
    delivery_run_due()
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.DELIVERED
    assert _attempts(report) == ["server_error"] * 3 + ["acknowledged"]


def test_a_4xx_stops_keeps_the_error_fails_the_report_and_tells_the_supervisors_of_its_chain(
    simulator, fake_clock, settings, django_capture_on_commit_callbacks
):
    city = JurisdictionFactory()
    county = JurisdictionFactory(parent=city)
    subject = SubjectFactory(jurisdiction=county)
    above = UserFactory(supervisor=True, jurisdiction=city, email="city@example.cn")
    beside = UserFactory(supervisor=True, jurisdiction=JurisdictionFactory(), email="other@example.cn")
    report = make_pending_report(subject=subject)
    settings.PLATFORM_SECRET = "not-the-platforms-secret"  # the platform answers 401
    with django_capture_on_commit_callbacks(execute=True):
        delivery_run_due()
    report.refresh_from_db()
    delivery = Delivery.objects.get(report=report)
    assert delivery.state == DeliveryState.FAILED
    assert "HTTP 401" in delivery.last_error
    assert report.status == PlatformReportStatus.FAILED
    failed = AuditEntry.objects.get(target_id=report.case.pk, action="platform_delivery_failed")
    assert "HTTP 401" in failed.reason and failed.details["to"] == "failed"
    attempt = DeliveryAttempt.objects.get(report=report)
    assert (attempt.outcome, attempt.http_status) == (AttemptOutcome.REJECTED, 401)
    # It stays failed: later runs leave it alone.
    fake_clock.advance(86400)
    assert delivery_run_due().attempts == 0
    escalation = AuditEntry.objects.get(target_id=report.case.pk, action="platform_delivery_escalated")
    assert escalation.details["supervisors"] == [above.username]
    assert [m.to for m in mail.outbox] == [["city@example.cn"]]
    assert report.case.number in mail.outbox[0].subject
    assert beside.email not in mail.outbox[0].to


def test_after_max_failures_the_supervisors_are_told_once_and_retrying_goes_on(
    simulator, fake_clock, django_capture_on_commit_callbacks
):
    report = make_pending_report()
    UserFactory(supervisor=True, jurisdiction=report.subject.jurisdiction, email="sup@example.cn")
    simulator.control({"fail_next": 5})
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            delivery_run_due()
            fake_clock.advance(3600)
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.DELIVERED
    escalations = AuditEntry.objects.filter(target_id=report.case.pk, action="platform_delivery_escalated")
    assert escalations.count() == 1
    assert len(mail.outbox) == 1
    assert "连续3次报送失败" in mail.outbox[0].subject


def test_a_subjects_newer_report_waits_while_an_older_one_is_pending(simulator, fake_clock, subject):
    older = make_pending_report(subject=subject)
    newer = make_pending_report(subject=subject)
    other = make_pending_report()
    simulator.control({"fail_next": 1})  # the older one's first attempt fails
    delivery_run_due()
    assert [row["idempotency_key"] for row in sim_get(simulator, "/reports.json")] == [str(other.uuid)]
    assert not DeliveryAttempt.objects.filter(report=newer).exists()
    fake_clock.advance(3600)
    delivery_run_due()
    stored = [row["idempotency_key"] for row in sim_get(simulator, "/reports.json")]
    assert stored == [str(other.uuid), str(older.uuid), str(newer.uuid)]


def test_a_report_confirmed_by_hand_is_not_sent(simulator, fake_clock):
    from workflows.objection_actions import platform_report_acknowledge

    report = make_pending_report()
    Delivery.objects.create(report=report, subject=report.subject, next_attempt_at=fake_clock.at)
    platform_report_acknowledge(report=report, receipt="纸质回执-1", at=fake_clock.at)
    assert delivery_run_due().attempts == 0
    assert Delivery.objects.get(report=report).state == DeliveryState.DELIVERED
    assert sim_get(simulator, "/state.json")["requests"] == 0


def test_the_request_carries_the_idempotency_key_and_a_valid_signature(simulator, fake_clock):
    report = make_pending_report()
    delivery_run_due()
    stored = sim_get(simulator, "/reports.json")[0]
    # The simulator stored it, so it checked X-Signature against the shared secret.
    assert stored["idempotency_key"] == str(report.uuid)
    assert sim_get(simulator, "/state.json")["bad_signature"] == 0
    assert sign(report_body(report), SECRET).startswith("sha256=")


# --- what counts as a receipt ---

def _answer(status=201, document=None, *, body=None, signed=True, secret=SECRET):
    from exchange.client import Answer

    if body is None:
        document = document if document is not None else {"receipt": "SJPT-1", "received_at": "t"}
        body = json.dumps(document).encode()
    return Answer(status=status, body=body, signature=sign(body, secret) if signed else None)


@pytest.mark.parametrize("answer, outcome", [
    (_answer(), AttemptOutcome.ACKNOWLEDGED),
    (_answer(200), AttemptOutcome.ACKNOWLEDGED),
    (_answer(signed=False), AttemptOutcome.INVALID_ANSWER),
    (_answer(secret="forged"), AttemptOutcome.INVALID_ANSWER),
    (_answer(body=b"<html>OK</html>"), AttemptOutcome.INVALID_ANSWER),
    (_answer(document={"status": "ok"}), AttemptOutcome.INVALID_ANSWER),
    (_answer(document={"receipt": ""}), AttemptOutcome.INVALID_ANSWER),
    (_answer(document={"receipt": 42}), AttemptOutcome.INVALID_ANSWER),
    (_answer(document={"receipt": "R" * 65}), AttemptOutcome.INVALID_ANSWER),
    (_answer(document=["SJPT-1"]), AttemptOutcome.INVALID_ANSWER),
    (_answer(302), AttemptOutcome.INVALID_ANSWER),
    (_answer(500), AttemptOutcome.SERVER_ERROR),
    (_answer(503, signed=False), AttemptOutcome.SERVER_ERROR),
    (_answer(408), AttemptOutcome.SERVER_ERROR),
    (_answer(429), AttemptOutcome.SERVER_ERROR),
    (_answer(400), AttemptOutcome.REJECTED),
    (_answer(401), AttemptOutcome.REJECTED),
    (_answer(422), AttemptOutcome.REJECTED),
])
def test_only_a_signed_well_formed_2xx_answer_with_a_receipt_number_is_a_receipt(answer, outcome):
    from exchange.delivery import answer_read

    result = answer_read(answer, secret=SECRET)
    assert result.outcome == outcome
    assert bool(result.receipt) == (outcome == AttemptOutcome.ACKNOWLEDGED)


def test_an_answer_that_cannot_be_recorded_is_sent_again_after_the_lease_and_the_others_go_on(
    simulator, fake_clock, monkeypatch, platform_settings
):
    from workflows import objection_actions

    broken = make_pending_report()
    make_pending_report()  # another report, which goes through meanwhile
    original = objection_actions.platform_report_acknowledge
    failures = []

    def acknowledge_failing_once(**kwargs):
        if kwargs["report"].pk == broken.pk and not failures:
            failures.append(1)
            raise RuntimeError("database went away")
        return original(**kwargs)

    monkeypatch.setattr(objection_actions, "platform_report_acknowledge", acknowledge_failing_once)
    stats = delivery_run_due()
    assert (stats.errors, stats.acknowledged) == (1, 1)
    assert Delivery.objects.get(report=broken).state == DeliveryState.DELIVERING
    fake_clock.advance(platform_settings.PLATFORM_LEASE_SECONDS + 1)
    stats = delivery_run_due()
    assert (stats.recovered, stats.acknowledged) == (1, 1)
    broken.refresh_from_db()
    assert broken.status == PlatformReportStatus.DELIVERED
    state = simulator.state()
    assert (state["stored"], state["repeats"]) == (2, 1)


def test_a_repairs_report_is_delivered_and_closes_the_repair(simulator, fake_clock):
    from casework.models import PlatformReport, RepairStatus
    from tests.factories import CreditRecordFactory, PunishmentMeasureFactory, pdf_upload
    from workflows.actions import act as repair_act
    from workflows.repair_actions import repair_apply

    record = CreditRecordFactory()
    measure = PunishmentMeasureFactory(record=record, imposed_by=record.determined_by)
    handler = UserFactory(handler=True, department=record.determined_by)
    case = repair_apply(record=record, losses_recovered="已全额支付拖欠款项及利息。", commitment_signed=True,
                        commitment_file=pdf_upload("承诺书.pdf"),
                        acting_user=UserFactory(subject_officer=True, subject=record.subject),
                        received_at=fake_clock.at)
    for action, payload in [
        ("decide", {"approved": True, "reasons": "已挽回损失。",
                    "decisions": [{"measure": measure.pk, "decision": "waive"}]}),
        ("confirm-lifting", {"measure_id": measure.pk}),
    ]:
        case.refresh_from_db()
        repair_act(case=case, action=action, acting_user=handler, payload=payload)
    report = PlatformReport.objects.get(record=record)
    assert report.change == PlatformReport.Change.REPAIRED
    delivery_run_due()
    case.refresh_from_db()
    assert case.status == RepairStatus.CLOSED
    assert AuditEntry.objects.filter(target_id=case.pk, action="platform_delivery_attempt").count() == 1


def _publication_end_report():
    """A record whose maximum period ran out: the daily run wrote its 终止公示 message (no case)."""
    import datetime

    from casework.models import PlatformReport
    from casework.services.publication import records_publication_expire
    from tests.factories import CreditRecordFactory

    record = CreditRecordFactory(determined_on=datetime.date(2025, 9, 1), is_published=True, severity="general")
    assert records_publication_expire(today=datetime.date(2026, 9, 29)) == 1
    return PlatformReport.objects.get(record=record, change=PlatformReport.Change.PUBLICATION_ENDED)


def test_a_publication_end_is_delivered_once_under_its_stop_key(simulator, fake_clock):
    report = _publication_end_report()
    assert delivery_run_due().acknowledged == 1
    assert delivery_run_due().acknowledged == 0  # nothing left: never sent twice
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.DELIVERED
    stored = sim_get(simulator, "/reports.json")
    assert [row["idempotency_key"] for row in stored] == [str(report.uuid)]
    body = json.loads(report_body(report))
    assert (body["change"], body["record"]["number"]) == ("publication_end", report.record.number)
    assert body["payload"]["ended_on"] == "2026-09-01"
    # Its history is on the record: it has no case.
    assert AuditEntry.objects.filter(target_id=report.record_id, action="platform_delivery_attempt").count() == 1
    assert AuditEntry.objects.filter(target_id=report.record_id, action="confirm_report").count() == 1


def test_a_publication_end_is_retried_after_a_failure_and_stored_once(simulator, fake_clock):
    report = _publication_end_report()
    simulator.control({"fail_next": 1})
    delivery_run_due()
    assert _attempts(report) == [AttemptOutcome.SERVER_ERROR]
    assert Delivery.objects.get(report=report).state == DeliveryState.PENDING
    fake_clock.advance(3600)
    delivery_run_due()
    report.refresh_from_db()
    assert _attempts(report) == [AttemptOutcome.SERVER_ERROR, AttemptOutcome.ACKNOWLEDGED]
    assert report.status == PlatformReportStatus.DELIVERED
    assert simulator.state()["stored"] == 1


def test_a_refused_publication_end_tells_the_supervisors_and_names_the_record(
    simulator, fake_clock, settings, django_capture_on_commit_callbacks
):
    report = _publication_end_report()
    UserFactory(supervisor=True, jurisdiction=report.subject.jurisdiction, email="jd@example.cn")
    settings.PLATFORM_SECRET = "not-the-platforms-secret"  # the platform answers 401
    with django_capture_on_commit_callbacks(execute=True):
        delivery_run_due()
    report.refresh_from_db()
    assert report.status == PlatformReportStatus.FAILED
    assert AuditEntry.objects.filter(target_id=report.record_id, action="platform_delivery_escalated").exists()
    assert mail.outbox and report.record.number in mail.outbox[0].body
