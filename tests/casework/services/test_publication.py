"""Ending publication at the end of the maximum period tells the provincial platform: one
record-level message (终止公示) per stop, written with the stop, never twice."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from casework.models import AuditEntry, PlatformReport, PlatformReportStatus
from casework.services.publication import publication_stop_key, record_publication_expire, records_publication_expire
from tests.factories import CreditRecordFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def published():
    return CreditRecordFactory(determined_on=D(2026, 3, 16), is_published=True, severity="general")


def test_the_stop_writes_one_record_level_report_with_no_case_and_no_deadline(published):
    from casework.models import Deadline

    assert records_publication_expire(today=D(2027, 3, 16)) == 1
    report = PlatformReport.objects.get(record=published)
    assert report.change == PlatformReport.Change.PUBLICATION_ENDED
    assert report.get_change_display() == "终止公示"
    assert (report.case_type_id, report.case_id, report.case) == (None, None, None)
    assert report.about == published
    assert report.status == PlatformReportStatus.PENDING
    assert report.uuid == publication_stop_key(published)
    assert report.payload == {
        "subject_name": published.subject.name, "subject_uscc": published.subject.uscc,
        "record_number": published.number, "change": "publication_end", "reason": "max_period_ended",
        "severity": "general", "max_months": 12, "published_on": "2026-03-16", "ended_on": "2027-03-16",
    }
    assert not Deadline.objects.filter(owner_id=report.pk, kind="provincial_report").exists()
    assert AuditEntry.objects.filter(target_id=published.pk, action="platform_report_written",
                                     details__change="publication_end").exists()


def test_no_report_before_the_period_ends_and_none_again_after_it(published):
    assert records_publication_expire(today=D(2027, 3, 15)) == 0
    assert not PlatformReport.objects.exists()
    records_publication_expire(today=D(2027, 3, 16))
    assert records_publication_expire(today=D(2027, 3, 17)) == 0
    assert record_publication_expire(record=published, today=D(2027, 3, 18)) is False
    assert PlatformReport.objects.filter(record=published).count() == 1


def test_the_same_stop_cannot_be_stored_twice(published):
    records_publication_expire(today=D(2027, 3, 16))
    published.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformReport.objects.create(uuid=publication_stop_key(published), subject=published.subject,
                                      record=published, change=PlatformReport.Change.PUBLICATION_ENDED)


def test_only_the_record_level_message_may_lack_a_case(published):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlatformReport.objects.create(subject=published.subject, record=published,
                                      change=PlatformReport.Change.REPAIRED)


def test_the_daily_task_reports_the_stop(published, at):
    from casework.tasks import publication_expire_task

    at(2027, 3, 16)
    assert publication_expire_task.call_local() == 1
    assert PlatformReport.objects.get(record=published).change == PlatformReport.Change.PUBLICATION_ENDED
