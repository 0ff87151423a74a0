"""What the guide says about time limits, read from the settings the deadlines use.

The guide's numbers come from `casework.limits.limit` and the publication
table, the very reads of the services that set the due dates, so the page and
the deadlines cannot drift apart.
"""

import dataclasses

from casework.limits import limit
from casework.models import Severity
from casework.publication import publication_period


@dataclasses.dataclass(frozen=True)
class SeverityPeriods:
    label: str
    min_months: int
    max_months: int


def guide_limits() -> dict:
    return {
        "objection_reply_working_days": limit("objection_reply_working_days"),
        "materials_working_days": limit("materials_working_days"),
        "provincial_report_working_days": limit("provincial_report_working_days"),
        "measure_lifting_working_days": limit("measure_lifting_working_days"),
        "repair_review_working_days": limit("repair_review_working_days"),
        "complaint_acceptance_working_days": limit("complaint_acceptance_working_days"),
        "complaint_transfer_working_days": limit("complaint_transfer_working_days"),
        "evidence_max_files": limit("evidence_max_files"),
        "evidence_max_mb": limit("evidence_max_bytes") // (1024 * 1024),
        "periods": [
            SeverityPeriods(str(label), *dataclasses.astuple(publication_period(value)))
            for value, label in Severity.choices
        ],
    }
