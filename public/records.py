"""The published dishonesty records, as the public sees them: one allow-list of fields.

The page, the JSON feed and the CSV file all build their rows here, so a field
reaches the public only if it is named in PUBLISHED_FIELDS. Records of civil
servants are never listed: their subject is a person, and a person's name is
personal data, not a government body's credit information.
"""

import datetime

from django.db.models import Q, QuerySet

from casework.models import CreditRecord, RecordKind, SubjectKind
from casework.publication import publication_ends_on, shown_on

# (key, heading): the only fields shown, in the feed's order.
PUBLISHED_FIELDS = (
    ("number", "记录编号"),
    ("subject_name", "失信主体名称"),
    ("subject_uscc", "统一社会信用代码"),
    ("jurisdiction", "所属行政区域"),
    ("key_area", "重点领域"),
    ("severity", "失信程度"),
    ("determined_by", "认定部门"),
    ("facts", "失信事实"),
    ("legal_basis", "认定依据"),
    ("determined_on", "认定日期"),
    ("published_on", "公示起始日期"),
    ("publication_ends_on", "公示截止日期"),
)
FIELD_NAMES = tuple(key for key, _ in PUBLISHED_FIELDS)


def published_records(*, today: datetime.date, query: str = "") -> QuerySet[CreditRecord]:
    """The dishonesty records shown on `today`, optionally those of subjects matching `query`."""
    records = (
        CreditRecord.objects.filter(shown_on(today), kind=RecordKind.DISHONESTY)
        .exclude(subject__kind=SubjectKind.CIVIL_SERVANT)
        .select_related("subject__jurisdiction", "determined_by")
        .order_by("-published_on", "-id")
    )
    query = (query or "").strip()
    if query:
        records = records.filter(Q(subject__name__icontains=query) | Q(subject__uscc__iexact=query))
    return records


def published_row(record: CreditRecord) -> dict:
    """One record as published: exactly the keys of PUBLISHED_FIELDS, plain text and ISO dates."""
    return {
        "number": record.number,
        "subject_name": record.subject.name,
        "subject_uscc": record.subject.uscc or "",
        "jurisdiction": record.subject.jurisdiction.name,
        "key_area": str(record.get_key_area_display()),
        "severity": str(record.get_severity_display()),
        "determined_by": record.determined_by.name,
        "facts": record.facts,
        "legal_basis": record.legal_basis,
        "determined_on": record.determined_on.isoformat(),
        "published_on": record.published_on.isoformat(),
        "publication_ends_on": publication_ends_on(record).isoformat(),
    }
