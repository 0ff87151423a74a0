import datetime

import pytest

from casework.classification import Classification
from casework.errors import DomainError
from casework.models import CreditRecord, MeasureKind, NumberSequence, RecordStatus
from casework.services.records import credit_record_create, punishment_measure_impose
from tests.factories import CreditRecordFactory, DepartmentFactory, PunishmentMeasureFactory, SubjectFactory

pytestmark = pytest.mark.django_db


def _record_kwargs(**overrides):
    subject = SubjectFactory()
    kwargs = dict(
        subject=subject,
        kind="dishonesty",
        key_area="procurement",
        determined_by=DepartmentFactory(jurisdiction=subject.jurisdiction),
        platform_level="city",
        facts="逾期未支付中小企业账款。",
        legal_basis="《保障中小企业款项支付条例》第八条。",
        determined_on=datetime.date(2026, 3, 16),
        severity="general",
    )
    kwargs.update(overrides)
    return kwargs


def test_record_gets_a_yearly_number_and_starts_active():
    first = credit_record_create(**_record_kwargs())
    second = credit_record_create(**_record_kwargs())
    assert first.number == "XY-2026-000001"
    assert second.number == "XY-2026-000002"
    assert first.status == RecordStatus.ACTIVE


def test_record_declared_classified_is_refused_and_nothing_is_stored():
    kwargs = _record_kwargs(classification=Classification.CONFIDENTIAL)
    with pytest.raises(DomainError) as exc:
        credit_record_create(**kwargs)
    assert "涉密" in exc.value.messages[0]
    assert CreditRecord.objects.count() == 0
    # Not even a record number was used up.
    assert not NumberSequence.objects.exists()


def test_record_with_a_secrecy_marking_in_its_facts_is_refused():
    with pytest.raises(DomainError) as exc:
        credit_record_create(**_record_kwargs(facts="秘密★1年\n某专项资金使用情况"))
    assert "facts" in exc.value.error_dict
    assert CreditRecord.objects.count() == 0


def test_only_a_determining_department_determines_records():
    subject = SubjectFactory()
    platform = DepartmentFactory(is_determining=False, is_platform_operator=True)
    with pytest.raises(DomainError) as exc:
        credit_record_create(**_record_kwargs(subject=subject, determined_by=platform))
    assert "不是认定部门" in exc.value.messages[0]


def test_measures_from_several_departments_on_one_record():
    record = CreditRecordFactory()
    finance, reform = DepartmentFactory(), DepartmentFactory()
    PunishmentMeasureFactory(record=record, imposed_by=finance)
    PunishmentMeasureFactory(record=record, imposed_by=reform, kind=MeasureKind.NO_NEW_PROJECTS)
    assert set(record.measures.values_list("imposed_by", flat=True)) == {finance.pk, reform.pk}


def test_measure_cannot_predate_its_record():
    record = CreditRecordFactory()
    with pytest.raises(DomainError) as exc:
        punishment_measure_impose(
            record=record, imposed_by=DepartmentFactory(), kind=MeasureKind.NO_FUNDING,
            imposed_on=record.determined_on - datetime.timedelta(days=1),
        )
    assert "imposed_on" in exc.value.error_dict


@pytest.mark.parametrize("facts", ["秘密 某事项", "本条含国家秘密内容", "机密★10年\n某专项资金使用情况"])
def test_record_with_a_marking_in_any_form_is_refused(facts):
    with pytest.raises(DomainError) as exc:
        credit_record_create(**_record_kwargs(facts=facts))
    assert "facts" in exc.value.error_dict
    assert CreditRecord.objects.count() == 0


def test_ordinary_words_near_secrecy_pass():
    record = credit_record_create(**_record_kwargs(
        facts="未履行与企业签订的保密协议，泄露商业秘密，未保证数据的机密性。"))
    assert record.pk


def test_a_full_id_number_in_published_text_is_refused_a_masked_one_passes():
    with pytest.raises(DomainError) as exc:
        credit_record_create(**_record_kwargs(legal_basis="依据对责任人220102198001011234的处理决定。"))
    assert set(exc.value.error_dict) == {"legal_basis"} and "220102********1234" in exc.value.messages[0]
    assert CreditRecord.objects.count() == 0
    assert credit_record_create(**_record_kwargs(legal_basis="依据对责任人220102********1234的处理决定。")).pk
    # An 18-digit number whose check digit is wrong is an ordinary number (a contract number).
    assert credit_record_create(**_record_kwargs(facts="合同编号220102198001011235逾期未付。")).pk


def test_a_measure_description_with_a_marking_is_refused():
    record = CreditRecordFactory()
    with pytest.raises(DomainError) as exc:
        punishment_measure_impose(record=record, imposed_by=record.determined_by, kind=MeasureKind.values[0],
                                  imposed_on=record.determined_on, description="依据机密★5年文件限制")
    assert "description" in exc.value.error_dict


# --- the repair notice served with the determination (两书同达) ---


def test_a_dishonesty_record_gets_its_repair_notice_in_the_same_transaction():
    from letters.selectors import letters_about

    record = credit_record_create(**_record_kwargs(is_published=True, published_on=datetime.date(2026, 3, 20)))
    (notice,) = letters_about(record)
    assert notice.kind == "repair_notice"
    assert notice.addressee == record.subject.name
    assert notice.issuer_name == record.determined_by.name
    context = notice.context
    assert context["record_number"] == record.number
    assert context["severity"] == "一般"
    assert (context["min_months"], context["max_months"]) == ("3", "12")
    # 一般: at least 3 months from publication, at most 12.
    assert context["eligible_on"] == "2026-06-20"
    assert context["ends_on"] == "2027-03-20"
    assert len(context["materials"]) == 3 and "信用承诺书" in context["materials"][2]
    assert context["apply_at"].endswith(f"/portal/records/{record.pk}/")
    assert (context["acceptance_working_days"], context["review_working_days"]) == ("3", "10")


def test_the_notice_follows_the_periods_of_the_settings(settings):
    from letters.selectors import letters_about

    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "repair_min_publication_months_serious": 6}
    record = credit_record_create(**_record_kwargs(severity="serious"))
    context = letters_about(record).get().context
    assert (context["min_months"], context["max_months"]) == ("6", "36")
    assert context["eligible_on"] == "2026-09-16"  # never published: from determination
    assert "ends_on" not in context


def test_a_record_refused_leaves_no_notice_behind():
    from letters.models import Letter

    with pytest.raises(DomainError):
        credit_record_create(**_record_kwargs(facts="秘密★1年\n某专项资金使用情况"))
    assert not Letter.objects.filter(kind="repair_notice").exists()
