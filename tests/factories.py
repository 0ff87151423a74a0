"""Factories for the casework models. They build through the services, so a
factory-made object has passed the same checks as one made in the application."""

import datetime
import functools
import itertools

import factory

from casework.models import (
    CreditRecord,
    Department,
    ObjectionCase,
    Jurisdiction,
    JurisdictionLevel,
    KeyArea,
    MeasureKind,
    PlatformLevel,
    PunishmentMeasure,
    RecordKind,
    Role,
    Severity,
    Subject,
    SubjectKind,
    User,
)
from casework.services.organisation import department_create, jurisdiction_create
from casework.services.records import credit_record_create, punishment_measure_impose
from casework.services.subjects import subject_create
from casework.services.users import user_create
from casework.uscc import uscc_check_character
from letters.kinds import KINDS as LETTER_KINDS

_codes = itertools.count(1)


def valid_uscc(division: str = "220100", type_code: str = "11") -> str:
    body = f"{type_code}{division}{next(_codes):09d}"
    return body + uscc_check_character(body)


class ServiceFactory(factory.Factory):
    """A factory whose _create calls a service function with the declared fields."""

    _service = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._service(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return model_class(**kwargs)


def _province():
    return Jurisdiction.objects.filter(code="220000").first() or jurisdiction_create(
        code="220000", name="吉林省", level=JurisdictionLevel.PROVINCE
    )


_city_codes = itertools.count(1)
_county_codes = itertools.count(1)


class JurisdictionFactory(ServiceFactory):
    """A city under 吉林省 unless a parent is given."""

    class Meta:
        model = Jurisdiction

    _service = staticmethod(jurisdiction_create)
    parent = factory.LazyFunction(_province)
    level = factory.LazyAttribute(
        lambda o: JurisdictionLevel.CITY if o.parent.level == JurisdictionLevel.PROVINCE else JurisdictionLevel.COUNTY
    )
    code = factory.LazyAttribute(
        lambda o: str(230000 + 100 * next(_city_codes))  # 230100, 230200, … never a real Jilin code
        if o.level == JurisdictionLevel.CITY
        else f"{o.parent.code[:4]}{next(_county_codes) % 99 + 1:02d}"
    )
    name = factory.Sequence(lambda n: f"测试区域{n}")


class DepartmentFactory(ServiceFactory):
    class Meta:
        model = Department

    _service = staticmethod(department_create)
    name = factory.Sequence(lambda n: f"测试部门{n}")
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    is_determining = True
    # Its own document numbers: every lodging issues a receipt, so two departments of one test
    # must not share the fallback prefix (the first two characters of the name, 测试信).
    document_prefix = factory.Sequence(lambda n: f"测{n}信")
    # Tests of a decision are about the decision; sign-off (拟稿 → 审核 → 签发) has its own tests
    # (tests/workflows/test_signoff.py), which make departments that require it
    # (`one_step_letter_kinds=()`). The production default is the opposite: nothing in one step.
    one_step_letter_kinds = factory.LazyFunction(lambda: list(LETTER_KINDS))



class SupervisorOfficeFactory(DepartmentFactory):
    """A joint-conference office (社会信用体系建设联席会议办公室): it orders rectifications, handles
    complaints and is told of overdue cases, and determines no records itself."""

    name = factory.Sequence(lambda n: f"测试联席会议办公室{n}")
    is_determining = False
    is_supervisor_office = True

class SubjectFactory(ServiceFactory):
    class Meta:
        model = Subject

    _service = staticmethod(subject_create)
    kind = SubjectKind.GOVERNMENT
    name = factory.Sequence(lambda n: f"测试县人民政府{n}")
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    uscc = factory.LazyAttribute(lambda o: valid_uscc(o.jurisdiction.code))


class CreditRecordFactory(ServiceFactory):
    class Meta:
        model = CreditRecord

    _service = staticmethod(credit_record_create)
    subject = factory.SubFactory(SubjectFactory)
    kind = RecordKind.DISHONESTY
    key_area = KeyArea.GOVERNMENT_PROCUREMENT
    determined_by = factory.SubFactory(DepartmentFactory, jurisdiction=factory.SelfAttribute("..subject.jurisdiction"))
    platform_level = PlatformLevel.CITY
    facts = "逾期未支付中小企业账款。"
    legal_basis = "《保障中小企业款项支付条例》第八条。"
    determined_on = datetime.date(2026, 3, 16)
    severity = Severity.GENERAL


class PunishmentMeasureFactory(ServiceFactory):
    class Meta:
        model = PunishmentMeasure

    _service = staticmethod(punishment_measure_impose)
    record = factory.SubFactory(CreditRecordFactory)
    imposed_by = factory.SubFactory(DepartmentFactory)
    kind = MeasureKind.NO_FUNDING
    imposed_on = factory.LazyAttribute(lambda o: o.record.determined_on + datetime.timedelta(days=7))


class UserFactory(ServiceFactory):
    class Meta:
        model = User

    _service = staticmethod(user_create)
    username = factory.Sequence(lambda n: f"user{n}")
    password = "pw-for-tests"
    role = Role.ADMINISTRATOR

    class Params:
        subject_officer = factory.Trait(role=Role.SUBJECT_OFFICER, subject=factory.SubFactory(SubjectFactory))
        handler = factory.Trait(role=Role.HANDLER, department=factory.SubFactory(DepartmentFactory))
        supervisor = factory.Trait(role=Role.SUPERVISOR, jurisdiction=factory.SubFactory(JurisdictionFactory))


def beijing(year, month, day, hour=10, minute=0):
    """An aware datetime at the given Beijing wall-clock time."""
    import zoneinfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def _objection_lodge(**kwargs):
    # Imported late: the objection services pull in `letters`.
    from casework.services.objections import objection_lodge

    return objection_lodge(**kwargs)


class ObjectionCaseFactory(ServiceFactory):
    """An objection lodged through the service by an officer of the record's subject."""

    class Meta:
        model = ObjectionCase

    _service = staticmethod(lambda **kwargs: _objection_lodge(**kwargs))
    record = factory.SubFactory(CreditRecordFactory)
    grounds = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符，附付款凭证。"
    channel = "department"
    acting_user = factory.LazyAttribute(lambda o: UserFactory(subject_officer=True, subject=o.record.subject))
    received_at = factory.LazyFunction(lambda: beijing(2026, 9, 28))


def bare_objection_case(**fields) -> ObjectionCase:
    """An objection case row written without its service, hence with no deadline of its own:
    the owner on which the deadline service's own tests start their deadlines."""
    record = fields.pop("record", None) or CreditRecordFactory()
    received = beijing(2026, 9, 28)
    from casework.services.tallies import case_tally

    case = ObjectionCase.objects.create(**{
        "number": f"YY-T-{next(_codes):06d}", "subject": record.subject, "record": record, "grounds": "测试",
        "channel": "department", "received_at": received, "received_on": received.date(),
        "handling_department": record.determined_by, "determining_department": record.determined_by,
        "lodged_by": UserFactory(subject_officer=True, subject=record.subject), **fields,
    })
    case_tally(case, before=None, after=case.status)  # as the lodging service counts it
    return case


def pdf_bytes() -> bytes:
    """A real one-page PDF: the evidence check parses it strictly."""
    from casework.evidence import blank_pdf

    return blank_pdf()


@functools.cache
def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (32, 24)) -> bytes:
    """A real PNG or JPEG from Pillow: the evidence check decodes every pixel."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def pdf_upload(name: str = "材料.pdf"):
    """A small upload whose content is a PDF (the services read the type from the content)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def _repair_apply(**kwargs):
    from casework.services.repairs import repair_apply

    return repair_apply(**kwargs)


class RepairCaseFactory(ServiceFactory):
    """A repair application made through the service by an officer of the record's subject."""

    class Meta:
        model = "casework.RepairCase"

    _service = staticmethod(lambda **kwargs: _repair_apply(**kwargs))
    record = factory.SubFactory(CreditRecordFactory)
    losses_recovered = "已于2026年8月全额支付拖欠的合同价款及逾期利息，取得企业书面确认。"
    effects_removed = "已向社会公开说明情况并建立账款支付台账。"
    commitment_signed = True
    commitment_file = factory.LazyFunction(lambda: pdf_upload("信用承诺书.pdf"))
    acting_user = factory.LazyAttribute(lambda o: UserFactory(subject_officer=True, subject=o.record.subject))
    received_at = factory.LazyFunction(lambda: beijing(2026, 9, 28))


def rejected_repair(parties, at, *, applied, decided):
    """A repair application of the record in `parties` (its subject's `officer`, the `determining`
    department's handler: appeal_parties of tests/conftest.py) made on `applied` and rejected on
    `decided`, the clock moved with the `at` fixture to each date (year, month, day)."""
    from casework.services.repairs import repair_decide

    at(*applied)
    repair = _repair_apply(record=parties["record"], losses_recovered="已全额支付拖欠款项及利息。",
                           commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"),
                           acting_user=parties["officer"])
    at(*decided)
    return repair_decide(case=repair, approved=False, reasons="未能证明已消除不良影响。",
                         acting_user=parties["determining"])
