"""The repair notice (信用修复告知书) served with every dishonesty determination.

国办发〔2025〕22号 asks that a subject learn of its repair rights when it is told of the
determination (两书同达). So `credit_record_create` calls this inside its own transaction:
a dishonesty record exists exactly when its notice does, whoever enters it (staff, admin,
demo data, imports). The determining department issues it; the periods are the settings'.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from casework.limits import limit
from casework.models import CreditRecord, RecordKind, Severity, User
from casework.publication import add_months, publication_ends_on, publication_period, publication_start
from casework.repair_requirements import APPLICATION_MATERIALS
from casework.services.case_letters import department_issuer
from casework.services.letter_parties import letter_parties
from letters.services import letter_issue

KIND = "repair_notice"
PUBLIC_URLCONF = "config.urls"


def _severity_word(severity: str) -> str:
    # The letter is Chinese whatever the language of the request that created the record.
    with translation.override("zh-hans"):
        return str(Severity(severity).label)


def repair_notice_context(record: CreditRecord) -> dict:
    period = publication_period(record.severity)
    base = settings.LETTERS_PUBLIC_BASE_URL.rstrip("/")
    context = {
        **letter_parties(subject=record.subject, department=record.determined_by),
        "subject_name": record.subject.name,
        "record_number": record.number,
        "record_summary": record.facts,
        "determined_on": record.determined_on,
        "severity": _severity_word(record.severity),
        "min_months": str(period.min_months),
        "max_months": str(period.max_months),
        "eligible_on": add_months(publication_start(record), period.min_months),
        "materials": list(APPLICATION_MATERIALS),
        # The public site's address, whatever URLconf the creating process runs under.
        "apply_at": f"{base}{reverse('portal:record_detail', args=[record.pk], urlconf=PUBLIC_URLCONF)}",
        "acceptance_working_days": str(limit("repair_acceptance_working_days")),
        "review_working_days": str(limit("repair_review_working_days")),
    }
    if record.is_published and record.published_on:
        context["published_on"] = record.published_on
        context["ends_on"] = publication_ends_on(record)
    return context


def repair_notice_issue(*, record: CreditRecord, acting_user: User | None):
    """Issue the notice about `record` (a dishonesty record); call inside the creating transaction."""
    if record.kind != RecordKind.DISHONESTY:
        return None
    return letter_issue(
        issuer=department_issuer(record.determined_by), kind=KIND, addressee=record.subject.name,
        context=repair_notice_context(record), about=record, acting_user=acting_user,
    )


def repair_notice_of(record: CreditRecord, *, rendered: bool = False):
    """The record's latest repair notice (only one whose PDF is stored if `rendered`), or None."""
    from letters.selectors import letters_about

    notices = letters_about(record).filter(kind=KIND)
    if rendered:
        notices = notices.exclude(file="")
    return notices.order_by("-pk").first()
