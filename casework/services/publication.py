"""Ending a record's publication when its maximum period has run out, and telling the platform.

Correction, revocation and repair end publication in their own services (the
record's transitions clear `is_published` in the same transaction) and their
report to the provincial platform (change corrected / revoked / repaired)
already means the record is no longer shown; this is the one other way a
record stops being shown, and no case decides it. So the stop is reported as
a record-level message (PlatformReport change 终止公示, no case), written in
the same transaction as the stop: it exists exactly when the stop does. The
exchange delivers it like every report (retries, one receipt); its uuid, the
platform's idempotency key, is derived from the record and the publication
that ended, so one stop is never stored twice.
"""

import datetime
import uuid

from django.db import transaction

from casework.models import CreditRecord, PlatformReport, User
from casework.publication import expired_on, publication_ends_on, publication_period
from casework.services.audit import audit_write

# uuid5 namespace of the 终止公示 messages (any fixed value; never change it: keys already sent derive from it).
_STOP_NAMESPACE = uuid.UUID("5f0c6c1e-2b7a-4a57-9d0e-0c36a1e4d2b1")


def publication_stop_key(record: CreditRecord) -> uuid.UUID:
    """The idempotency key of the report that `record`'s current publication ended."""
    published = record.published_on.isoformat() if record.published_on else "-"
    return uuid.uuid5(_STOP_NAMESPACE, f"{record.pk}:{published}:{PlatformReport.Change.PUBLICATION_ENDED}")


def _publication_end_report(record: CreditRecord, *, ends_on: datetime.date, max_months: int,
                            acting_user: User | None) -> PlatformReport:
    report = PlatformReport.objects.create(
        uuid=publication_stop_key(record), subject=record.subject, record=record,
        change=PlatformReport.Change.PUBLICATION_ENDED,
        payload={
            "subject_name": record.subject.name, "subject_uscc": record.subject.uscc,
            "record_number": record.number, "change": PlatformReport.Change.PUBLICATION_ENDED,
            "reason": "max_period_ended", "severity": record.severity, "max_months": max_months,
            "published_on": record.published_on.isoformat() if record.published_on else None,
            "ended_on": ends_on.isoformat(),
        },
    )
    audit_write(target=record, action="platform_report_written", actor=acting_user,
                details={"report": str(report.uuid), "change": report.change})
    return report


@transaction.atomic
def record_publication_expire(*, record: CreditRecord, today: datetime.date, acting_user: User | None = None
                              ) -> bool:
    """Stop showing `record` if its maximum period has ended by `today`, and tell the
    provincial platform; return whether it did."""
    record = CreditRecord.objects.select_for_update().select_related("subject").get(pk=record.pk)
    if not record.is_published or publication_ends_on(record) > today:
        return False
    ends_on = publication_ends_on(record)
    max_months = publication_period(record.severity).max_months
    record.is_published = False
    record.save(update_fields=["is_published"])
    audit_write(
        target=record, action="publication_expired", actor=acting_user,
        reason="公示期满，终止公示",
        details={"published_on": record.published_on.isoformat() if record.published_on else None,
                 "ends_on": ends_on.isoformat(), "max_months": max_months},
    )
    _publication_end_report(record, ends_on=ends_on, max_months=max_months, acting_user=acting_user)
    return True


def records_publication_expire(*, today: datetime.date, acting_user: User | None = None) -> int:
    """End the publication of every record past its maximum period; one transaction per record.

    Idempotent: a record already ended is not touched again.
    """
    ended = 0
    for record in CreditRecord.objects.filter(expired_on(today)).only("pk").iterator():
        ended += record_publication_expire(record=record, today=today, acting_user=acting_user)
    return ended
