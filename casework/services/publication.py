"""Ending a record's publication when its maximum period has run out.

Correction, revocation and repair end publication in their own services (the
record's transitions clear `is_published` in the same transaction); this is
the one other way a record stops being shown.

No report to the provincial platform is written here: PlatformReport belongs
to a case (objection or repair) and its change kinds are case outcomes; the
platform applies the same periods itself. The end is in the record's audit
trail, with the period that ran out.
"""

import datetime

from django.db import transaction

from casework.models import CreditRecord, User
from casework.publication import expired_on, publication_ends_on, publication_period
from casework.services.audit import audit_write


@transaction.atomic
def record_publication_expire(*, record: CreditRecord, today: datetime.date, acting_user: User | None = None
                              ) -> bool:
    """Stop showing `record` if its maximum period has ended by `today`; return whether it did."""
    record = CreditRecord.objects.select_for_update().get(pk=record.pk)
    if not record.is_published or publication_ends_on(record) > today:
        return False
    record.is_published = False
    record.save(update_fields=["is_published"])
    audit_write(
        target=record, action="publication_expired", actor=acting_user,
        reason="公示期满，终止公示",
        details={"published_on": record.published_on.isoformat() if record.published_on else None,
                 "ends_on": publication_ends_on(record).isoformat(),
                 "max_months": publication_period(record.severity).max_months},
    )
    return True


def records_publication_expire(*, today: datetime.date, acting_user: User | None = None) -> int:
    """End the publication of every record past its maximum period; one transaction per record.

    Idempotent: a record already ended is not touched again.
    """
    ended = 0
    for record in CreditRecord.objects.filter(expired_on(today)).only("pk").iterator():
        ended += record_publication_expire(record=record, today=today, acting_user=acting_user)
    return ended
