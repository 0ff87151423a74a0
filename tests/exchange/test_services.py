"""The delivery worker's writes: back-off, adoption, claiming, leases, retry now."""

import datetime
import random

import pytest
from django.core import mail

from casework.errors import DomainError, NotPermittedError
from casework.models import AuditEntry, PlatformReportStatus
from exchange import services
from exchange.delivery import delivery_run_due
from exchange.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryState
from exchange.services import backoff_seconds
from tests.exchange.conftest import make_pending_report
from tests.factories import JurisdictionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_backoff_doubles_up_to_the_cap_with_half_of_it_jittered():
    rng = random.Random(8)
    for failures, full in [(1, 30), (2, 60), (3, 120), (4, 240), (8, 3600), (30, 3600)]:
        for _ in range(50):
            assert full / 2 <= backoff_seconds(failures, base=30, cap=3600, rng=rng) <= full
    # Jitter: reports failing together do not come back together.
    assert len({round(backoff_seconds(5, base=30, cap=3600, rng=rng), 3) for _ in range(20)}) > 10


def test_pending_reports_are_adopted_once_even_when_adopted_twice(fake_clock):
    report = make_pending_report()
    assert services.delivery_adopt_pending(at=fake_clock.at) == 1
    assert services.delivery_adopt_pending(at=fake_clock.at) == 0
    delivery = Delivery.objects.get()
    assert (delivery.report_id, delivery.subject_id, delivery.state) == (
        report.pk, report.subject_id, DeliveryState.PENDING
    )


def test_a_claimed_delivery_cannot_be_claimed_again(fake_clock):
    make_pending_report()
    services.delivery_adopt_pending(at=fake_clock.at)
    first = services.delivery_claim_next(at=fake_clock.at)
    assert first is not None and first.number == 1
    assert services.delivery_claim_next(at=fake_clock.at) is None
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.number, attempt.outcome) == (1, AttemptOutcome.IN_FLIGHT)


def test_an_expired_lease_is_taken_back_and_the_attempt_marked_interrupted(fake_clock, platform_settings):
    report = make_pending_report()
    services.delivery_adopt_pending(at=fake_clock.at)
    claim = services.delivery_claim_next(at=fake_clock.at)
    assert services.delivery_recover_expired(at=fake_clock.at) == 0  # still within its lease
    fake_clock.advance(platform_settings.PLATFORM_LEASE_SECONDS + 1)
    assert services.delivery_recover_expired(at=fake_clock.at) == 1
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.failures, delivery.next_attempt_at) == (
        DeliveryState.PENDING, 1, fake_clock.at
    )
    assert DeliveryAttempt.objects.get().outcome == AttemptOutcome.INTERRUPTED
    assert AuditEntry.objects.filter(target_id=report.case.pk, action="platform_delivery_attempt",
                                     details__outcome="interrupted").exists()
    # The late worker's answer is still recorded, but it no longer decides the next step.
    late = services.AttemptResult(outcome=AttemptOutcome.SERVER_ERROR, http_status=503, error="HTTP 503")
    services.delivery_attempt_finish(claim=claim, result=late, at=fake_clock.at)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.failures) == (DeliveryState.PENDING, 1)


def test_a_receipt_arriving_after_the_lease_ran_out_still_counts(fake_clock, platform_settings):
    report = make_pending_report()
    services.delivery_adopt_pending(at=fake_clock.at)
    claim = services.delivery_claim_next(at=fake_clock.at)
    fake_clock.advance(platform_settings.PLATFORM_LEASE_SECONDS + 1)
    services.delivery_recover_expired(at=fake_clock.at)
    receipt = services.AttemptResult(outcome=AttemptOutcome.ACKNOWLEDGED, http_status=201, receipt="SJPT-9")
    services.delivery_attempt_finish(claim=claim, result=receipt, at=fake_clock.at)
    report.refresh_from_db()
    assert (report.status, report.receipt_number) == (PlatformReportStatus.DELIVERED, "SJPT-9")
    assert Delivery.objects.get().state == DeliveryState.DELIVERED


@pytest.fixture
def failed_report(simulator, fake_clock, settings):
    report = make_pending_report()
    settings.PLATFORM_SECRET = "wrong"  # 401: the delivery stops
    delivery_run_due()
    settings.PLATFORM_SECRET = simulator.secret
    assert Delivery.objects.get(report=report).state == DeliveryState.FAILED
    return report


def test_retry_now_by_an_administrator_sends_a_failed_report_again(
    failed_report, fake_clock, simulator, django_capture_on_commit_callbacks
):
    admin = UserFactory()
    # The send queued on commit runs at once: huey is immediate in the test settings.
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_retry_now(report=failed_report, acting_user=admin)
    failed_report.refresh_from_db()
    assert failed_report.status == PlatformReportStatus.DELIVERED
    retry = AuditEntry.objects.get(target_id=failed_report.case.pk, action="platform_delivery_retry")
    assert retry.actor == admin and retry.details["from_state"] == "failed"


def test_retry_now_is_for_administrators_and_the_subjects_supervisors(failed_report, fake_clock):
    stranger = UserFactory(supervisor=True, jurisdiction=JurisdictionFactory())
    handler = UserFactory(handler=True)
    for user in (stranger, handler):
        with pytest.raises(NotPermittedError):
            services.delivery_retry_now(report=failed_report, acting_user=user)
    supervisor = UserFactory(supervisor=True, jurisdiction=failed_report.subject.jurisdiction.parent)
    delivery = services.delivery_retry_now(report=failed_report, acting_user=supervisor)
    assert (delivery.state, delivery.next_attempt_at) == (DeliveryState.PENDING, fake_clock.at)


def test_retry_now_refuses_a_report_already_acknowledged(simulator, fake_clock):
    report = make_pending_report()
    delivery_run_due()
    with pytest.raises(DomainError, match="已于"):
        services.delivery_retry_now(report=report, acting_user=UserFactory())


def test_retry_now_makes_the_subjects_older_pending_reports_due_too(simulator, fake_clock, subject):
    older = make_pending_report(subject=subject)
    newer = make_pending_report(subject=subject)
    simulator.control({"fail_next": 1})
    delivery_run_due()  # older fails and backs off; newer waits behind it
    assert Delivery.objects.get(report=older).next_attempt_at > fake_clock.at
    services.delivery_retry_now(report=newer, acting_user=UserFactory())
    assert Delivery.objects.get(report=older).next_attempt_at == fake_clock.at
    delivery_run_due()
    assert Delivery.objects.filter(state=DeliveryState.DELIVERED).count() == 2


def test_no_supervisor_with_an_address_means_an_audit_row_and_no_mail(
    simulator, fake_clock, settings, django_capture_on_commit_callbacks
):
    report = make_pending_report()
    UserFactory(supervisor=True, jurisdiction=report.subject.jurisdiction, email="")
    settings.PLATFORM_SECRET = "wrong"
    with django_capture_on_commit_callbacks(execute=True):
        delivery_run_due()
    entry = AuditEntry.objects.get(action="platform_delivery_escalated")
    assert entry.details["mailed"] == [] and len(entry.details["supervisors"]) == 1
    assert mail.outbox == []


def test_the_lease_is_counted_from_the_claim(fake_clock, platform_settings):
    make_pending_report()
    services.delivery_adopt_pending(at=fake_clock.at)
    services.delivery_claim_next(at=fake_clock.at)
    assert Delivery.objects.get().lease_until == fake_clock.at + datetime.timedelta(
        seconds=platform_settings.PLATFORM_LEASE_SECONDS
    )


def test_a_report_confirmed_by_hand_while_its_attempt_was_out_is_left_alone(
    fake_clock, django_capture_on_commit_callbacks
):
    from workflows.objection_actions import platform_report_acknowledge

    report = make_pending_report()
    UserFactory(supervisor=True, jurisdiction=report.subject.jurisdiction, email="sup@example.cn")
    services.delivery_adopt_pending(at=fake_clock.at)
    claim = services.delivery_claim_next(at=fake_clock.at)
    platform_report_acknowledge(report=report, receipt="纸质回执-7", at=fake_clock.at)
    rejected = services.AttemptResult(outcome=AttemptOutcome.REJECTED, http_status=409, error="HTTP 409")
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_attempt_finish(claim=claim, result=rejected, at=fake_clock.at)
    report.refresh_from_db()
    assert (report.status, report.receipt_number) == (PlatformReportStatus.DELIVERED, "纸质回执-7")
    assert Delivery.objects.get().state == DeliveryState.DELIVERED
    assert mail.outbox == []
