"""What a legal officer checks before signing: each letter states its legal basis by
article, the remedies open to that kind of subject with the body and the time limit, a
contact, dates in 公文 form (never ISO) and full-width punctuation in Chinese text; the
seed's civil-servant clause only to a civil servant; a rectification order only from a
joint-conference office. docs/rules.md gives the sources."""

import datetime
import re

import pytest
from django.utils.html import strip_tags

from casework.errors import DomainError, NotPermittedError
from casework.models import SubjectKind
from casework.services import objections as objection_svc
from casework.services import rectifications as rectification_svc
from casework.services.case_letters import case_letter_issue
from letters import samples
from letters.kinds import context_validate
from letters.rendering import LetterDocument, render_html
from letters.selectors import letters_about
from tests.factories import (
    CreditRecordFactory,
    DepartmentFactory,
    ObjectionCaseFactory,
    PunishmentMeasureFactory,
    UserFactory,
)

PLAN = "《吉林省政务诚信建设实施方案》（吉政办发〔2017〕75号）"
ORDER_36 = "《信用修复管理办法》（国家发展改革委令第36号）第二条、第三条"
CIVIL_SERVANT_CLAUSE = "公务员在政务失信行为发生后"

# Per kind: the legal basis by article it must cite.
BASIS = {
    "acceptance_notice": PLAN + "二（十）",
    "non_acceptance_notice": PLAN + "二（十）",
    "objection_reply": PLAN + "二（十）",
    "correction_feedback": PLAN + "二（十）",
    "measure_lifting_notice": PLAN + "二（十）",
    "rectification_order": PLAN + "二（九）",
    "rectification_acceptance": PLAN + "二（九）",
    "repair_decision": ORDER_36,
    "oversight_notice": PLAN + "二（七）",
    "repair_notice": "《信用修复管理办法》（国家发展改革委令第36号）第二条",
}
# Kinds that decide against or about the subject, and so state a remedy.
DECISIONS = ("non_acceptance_notice", "objection_reply", "rectification_order", "rectification_acceptance",
             "repair_decision")
CHINESE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


def _render(kind, context):
    doc = LetterDocument(
        kind=kind,
        issuer_name=samples.sample_issuer_name(kind),
        number="长财信异复〔2026〕15号",
        addressee=samples.sample_addressee(kind),
        context=context_validate(kind=kind, context=context),
        issued_on=datetime.date(2026, 10, 23),
        cc=samples.CC,
    )
    return re.sub(r"\s+", "", strip_tags(render_html(doc)))


def _text(kind, **context):
    """The sample letter of `kind`, with `context` over the sample's, as plain text."""
    return _render(kind, {**samples.sample_context(kind), **context})


def _letter_text(letter):
    """An issued letter's text from its own stored context only."""
    return _render(letter.kind, letter.context)


@pytest.mark.parametrize("kind", sorted(BASIS))
def test_every_letter_cites_its_basis_by_article_and_names_a_contact(kind):
    text = _text(kind)
    assert BASIS[kind] in text
    assert "有关规定" not in text
    assert "（联系人：" in text and "联系电话：0431-" in text


@pytest.mark.parametrize("kind", sorted(BASIS))
def test_dates_are_in_official_form_and_chinese_text_has_full_width_punctuation(kind):
    # ISO dates inside the subject's own text are printed in 公文 form too.
    text = _text(kind, record_summary="2026-03-16认定：逾期未支付中小企业账款")
    assert not re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)
    assert "2026年10月23日" in text
    assert not re.search(f"{CHINESE}[:,;]|[:,;]{CHINESE}", text), re.findall(f".{{6}}[:,;].{{6}}", text)


@pytest.mark.parametrize("kind", DECISIONS)
def test_a_government_body_is_told_to_turn_to_the_named_office_within_sixty_days(kind):
    office = samples.sample_context(kind)["remedy_office"]
    text = _text(kind, subject_kind="government")
    assert f"六十日内，向{office}书面申请复核" in text
    assert "行政复议" not in text and "行政诉讼" not in text


@pytest.mark.parametrize("kind", DECISIONS)
def test_a_civil_servant_is_told_of_reconsideration_lawsuit_and_the_civil_service_appeal(kind):
    text = _text(kind, subject_kind="civil_servant", review_government="长春市人民政府")
    assert "六十日内向长春市人民政府申请行政复议（《中华人民共和国行政复议法》第二十条）" in text
    assert "六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）" in text
    assert "三十日内向原处理机关申请复核" in text


def test_a_civil_servant_is_addressed_as_a_person():
    text = _text("objection_reply", subject_kind="civil_servant")
    assert "你于2026年9月28日提交" in text and "你单位" not in text


def test_a_public_institution_may_seek_reconsideration_but_no_civil_service_appeal():
    text = _text("objection_reply", subject_kind="public_institution")
    assert "申请行政复议" in text and "提起行政诉讼" in text and "原处理机关" not in text


def test_the_civil_servant_clause_is_quoted_only_to_a_civil_servant():
    assert CIVIL_SERVANT_CLAUSE not in _text("repair_decision", subject_kind="government")
    assert CIVIL_SERVANT_CLAUSE not in _text("repair_decision", subject_kind="department")
    assert CIVIL_SERVANT_CLAUSE in _text("repair_decision", subject_kind="civil_servant")


def test_the_repair_decision_states_what_follows_and_a_refusal_says_the_record_stays():
    text = _text("repair_decision")
    assert "终止公示" in text and "停止共享和使用" in text and "于2026年10月30日前将修复结果报送省级信用信息共享平台" in text
    refused = _text("repair_decision", approved=False)
    assert "该失信信息继续公示" in refused and "终止公示，全国" not in refused


def test_the_repair_notice_states_periods_earliest_date_materials_place_and_limits():
    text = _text("repair_notice")
    assert "国办发〔2025〕22号）关于送达失信认定决定时同步送达信用修复告知书" in text
    assert "该信息属于一般失信信息" in text and "公示期最短为3个月" in text and "最长为12个月" in text
    assert "至迟于2027年9月28日终止公示" in text and "告知省级信用信息共享平台" in text
    assert "即自2026年12月28日起" in text
    assert "法定责任义务履行完毕的证明材料" in text and "信用承诺书" in text
    assert "3个工作日内作出是否受理的决定" in text and "10个工作日内作出是否准予修复的决定" in text
    minor = _text("repair_notice", severity="轻微", min_months="0", max_months="3", eligible_on="2026-09-28")
    assert "法定责任义务履行完毕即可申请修复" in minor and "最短公示期届满" not in minor
    unpublished = {k: v for k, v in samples.sample_context("repair_notice").items()
                   if k not in ("published_on", "ends_on")}
    assert "该信息目前未予公示" in _render("repair_notice", unpublished)


def test_the_rectification_order_states_facts_losses_requirements_both_limits_and_remedy():
    text = _text("rectification_order")
    for heading in ("一、失信事实", "二、损失和影响", "三、整改依据和要求", "四、办理时限", "五、救济途径"):
        assert heading in text
    assert "请于2026年11月6日前将书面说明报送本单位，于2026年12月31日前完成整改" in text
    assert "吉林省社会信用体系建设联席会议办公室" in text  # the office a level up


def test_the_non_acceptance_notice_states_the_remedy():
    assert "书面申请复核" in _text("non_acceptance_notice")


@pytest.mark.django_db
def test_the_upheld_reply_lists_the_report_date_each_measure_with_its_department_and_the_data_s_contact(
        at, rectification_world):
    office = rectification_world["office"]  # the city's joint-conference office
    department = DepartmentFactory(jurisdiction=office.jurisdiction, contact_person="王明",
                                   contact_phone="0431-88776655")
    other = DepartmentFactory(name="市发展改革委", jurisdiction=office.jurisdiction)
    record = CreditRecordFactory(determined_by=department)
    PunishmentMeasureFactory(record=record, imposed_by=department)
    PunishmentMeasureFactory(record=record, imposed_by=other, kind="no_honours")
    case = ObjectionCaseFactory(record=record)
    handler = UserFactory(handler=True, department=department)
    case = objection_svc.objection_accept(case=case, acting_user=handler)
    at(2026, 9, 30)
    case = objection_svc.objection_decide(case=case, outcome="upheld", reasons="认定依据不成立。", revoke=True,
                                          acting_user=handler)
    case = objection_svc.objection_reply(case=case, acting_user=handler)
    reply = next(letter for letter in letters_about(case) if letter.kind == "objection_reply")
    # Decided 30 September: five working days skip National Day and count Saturday 10 October.
    assert reply.context["report_due_on"] == "2026-10-13"
    assert [m["imposed_by"] for m in reply.context["measures"]] == [department.name, other.name]
    text = _letter_text(reply)
    assert "于2026年10月13日前将撤销信息报送省级信用信息共享平台" in text
    assert f"{other.name}</td>" not in text and other.name in text
    assert f"向{office.name}书面申请复核" in text
    assert "（联系人：王明，联系电话：0431-88776655）" in text


@pytest.mark.django_db
def test_only_a_joint_conference_office_may_issue_a_rectification_order(at, rectification_world):
    world = rectification_world
    finance = DepartmentFactory(jurisdiction=world["office"].jurisdiction)
    with pytest.raises(DomainError):
        case_letter_issue(case=world["record"], department=finance, kind="rectification_order",
                          addressee=world["government"].name, context=samples.sample_context("rectification_order"),
                          acting_user=world["determining"])
    with pytest.raises(NotPermittedError):
        rectification_svc.rectification_order(subject=world["government"], records=[world["record"]],
                                              requirements="支付拖欠款项", acting_user=UserFactory(
                                                  handler=True, department=finance))
    case = rectification_svc.rectification_order(subject=world["government"], records=[world["record"]],
                                                 requirements="支付拖欠款项", limit_working_days=20,
                                                 acting_user=world["handler"])
    order = next(letter for letter in letters_about(case) if letter.kind == "rectification_order")
    assert order.issuer_name == world["office"].name
    # Ordered Monday 28 September: ten working days to the explanation skip National Day.
    assert order.context["explanation_due_on"] == "2026-10-16"
    assert order.context["subject_kind"] == SubjectKind.GOVERNMENT


def test_every_sample_is_issued_by_an_office_that_may_issue_it():
    for kind in ("rectification_order", "rectification_acceptance", "supervision_quarterly_report",
                 "oversight_notice"):
        assert samples.sample_issuer_name(kind).endswith("社会信用体系建设联席会议办公室")
    assert samples.sample_issuer_name("objection_reply") == "长春市财政局"
