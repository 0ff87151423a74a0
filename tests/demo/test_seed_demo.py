"""seed_demo: Jilin's organisations, one login per role, and for each printed login the paths it
can try, each really open (the case or record it names takes that step now, through the facades)."""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from calendars import clock
from casework.evidence import blank_pdf
from casework.models import (
    CreditRecord,
    Deadline,
    Jurisdiction,
    ObjectionCase,
    ObjectionStatus,
    PunishmentMeasure,
    RecordStatus,
    RectificationCase,
    RectificationStatus,
    RepairCase,
    RepairStatus,
    Role,
    User,
)
from casework.services.repairs import repair_eligibility
from supervision.models import Oversight, OversightStatus
from supervision.selectors import dashboard_now
from workflows.actions import act as objection_act
from workflows.actions import act as rectification_act
from workflows.actions import allowed_action_names as objection_allowed_actions
from workflows.actions import allowed_action_names as rectification_allowed_actions
from workflows.actions import allowed_action_names as repair_allowed_actions
from workflows.objection_actions import objection_lodge
from workflows.repair_actions import repair_apply

pytestmark = pytest.mark.django_db


def _seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _printed(output, username):
    """The numbers on `username`'s line of the printout, in order."""
    line = next(line for line in output.splitlines() if line.strip().startswith(f"{username} — "))
    return re.findall(r"[A-Z]{2}-\d{4}-\d{6}", line)


@pytest.fixture
def printed():
    output = _seed()
    return lambda username: _printed(output, username)


def test_seed_demo_creates_jilin_and_one_login_per_role():
    output = _seed()
    names = set(Jurisdiction.objects.values_list("name", flat=True))
    assert {"吉林省", "长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市",
            "延边朝鲜族自治州", "农安县"} <= names
    for username, role in [("subject", Role.SUBJECT_OFFICER), ("subject2", Role.SUBJECT_OFFICER),
                           ("handler", Role.HANDLER), ("supervisor", Role.SUPERVISOR),
                           ("admin", Role.ADMINISTRATOR), ("handler-ccxyb", Role.HANDLER)]:
        user = User.objects.get(username=username)
        assert user.role == role and user.check_password("demo")
        assert f"  {username} — " in output
    assert "密码均为 demo" in output
    assert "handler-ccfgw（长春市发展和改革委员会）" in output


def test_records_carry_measures_from_at_least_two_departments():
    _seed()
    record = CreditRecord.objects.filter(subject__officers__username="subject").first()
    departments = PunishmentMeasure.objects.filter(record=record).values("imposed_by").distinct().count()
    assert departments >= 2


def test_every_demo_dishonesty_record_came_with_its_repair_notice():
    from casework.services.repair_notices import repair_notice_of

    _seed()
    records = CreditRecord.objects.filter(kind="dishonesty")
    assert records.exists()
    for record in records:
        notice = repair_notice_of(record)
        assert notice is not None and notice.addressee == record.subject.name, record.number


def test_seed_demo_run_twice_creates_nothing_twice_and_prints_the_same():
    first = _seed()
    models = [Jurisdiction, CreditRecord, PunishmentMeasure, User, ObjectionCase, RepairCase, RectificationCase]
    counts = [model.objects.count() for model in models]
    assert _seed() == first
    assert [model.objects.count() for model in models] == counts


def test_demo_password_comes_from_the_setting(settings):
    settings.DEMO_PASSWORD = "another-secret"
    output = _seed()
    assert User.objects.get(username="handler").check_password("another-secret")
    assert "密码均为 another-secret" in output


def test_markdown_gives_the_same_paths_as_the_printout():
    output = _seed()
    markdown = _seed("--markdown")
    assert markdown.startswith("| 登录 | 角色 | 入口 | 可以试的 |")
    for username in ["subject", "subject2", "handler", "handler-ccxyb", "supervisor"]:
        row = next(line for line in markdown.splitlines() if line.startswith(f"| `{username}` |"))
        assert re.findall(r"[A-Z]{2}-\d{4}-\d{6}", row) == _printed(output, username)


# --- each printed path is open ---


def test_subject_can_object_to_the_printed_record(printed):
    free, repairable = printed("subject")[:2]
    record = CreditRecord.objects.get(number=free)
    assert record.status == RecordStatus.ACTIVE
    assert not ObjectionCase.objects.filter(record=record).exists()
    case = objection_lodge(record=record, channel="department", acting_user=User.objects.get(username="subject"),
                           grounds="该笔工程进度款已按合同约定支付，附银行回单，请予核查。")
    assert case.status == ObjectionStatus.LODGED and case.handling_department.name == "长春市财政局"
    # The record to repair is a different one: objecting did not close that path.
    assert CreditRecord.objects.get(number=repairable).status == RecordStatus.ACTIVE


def test_subject_can_apply_to_repair_the_printed_record(printed):
    record = CreditRecord.objects.get(number=printed("subject")[1])
    subject = User.objects.get(username="subject")
    assert repair_eligibility(record=record, subject_id=subject.subject_id, today=clock.today()).eligible
    case = repair_apply(record=record, losses_recovered="设计服务费已全额支付，取得设计单位书面确认。",
                        commitment_signed=True, acting_user=subject,
                        commitment_file=SimpleUploadedFile("信用承诺书.pdf", blank_pdf(), "application/pdf"))
    assert case.status == RepairStatus.UNDER_REVIEW


def test_subject_can_explain_the_printed_rectification(printed):
    case = RectificationCase.objects.get(number=printed("subject")[2])
    subject = User.objects.get(username="subject")
    assert case.status == RectificationStatus.ORDERED
    assert "submit-explanation" in rectification_allowed_actions(case, subject)
    rectification_act(case=case, action="submit-explanation", acting_user=subject,
                      payload={"text": "因付款审批环节积压，合同价款逾期未付。"})
    case.refresh_from_db()
    assert case.status == RectificationStatus.RECTIFYING


def test_subject2_can_supply_the_materials_asked_for(printed):
    (number,) = printed("subject2")
    case = ObjectionCase.objects.get(number=number)
    assert "supply-materials" in objection_allowed_actions(case, User.objects.get(username="subject2"))


def test_handler_can_accept_decide_reply_confirm_and_review(printed):
    to_accept, to_decide, to_reply, lifting, repair, overseen = printed("handler")
    handler = User.objects.get(username="handler")
    # The demo's 督办 waits for the written answer of the handler's department.
    assert Oversight.objects.get(case_label=overseen, status=OversightStatus.OPEN).department == handler.department

    def act(number, action, **payload):
        case = ObjectionCase.objects.get(number=number)
        assert action in objection_allowed_actions(case, handler), (number, action)
        objection_act(case=case, action=action, acting_user=handler, payload=payload)
        return ObjectionCase.objects.get(number=number).status

    assert "decide" in repair_allowed_actions(RepairCase.objects.get(number=repair), handler)
    def signed_off(number):
        """The demo department's reviewer and signer take the handler's draft through 审核 and 签发."""
        from casework.services.letter_drafts import case_open_draft, letter_draft_approve
        from workflows.signoff import draft_sign

        draft = case_open_draft(ObjectionCase.objects.get(number=number))
        letter_draft_approve(draft=draft, acting_user=User.objects.get(username="reviewer"))
        draft.refresh_from_db()
        draft_sign(draft=draft, acting_user=User.objects.get(username="signer"))
        return ObjectionCase.objects.get(number=number).status

    assert act(to_accept, "accept") == ObjectionStatus.UNDER_VERIFICATION
    # 长春市财政局 signs off its decision letters (the demo's default): drafted, the case waits.
    assert act(to_decide, "decide", outcome="not_upheld", reasons="经核查，记录属实。") == \
        ObjectionStatus.UNDER_VERIFICATION
    assert signed_off(to_decide) == ObjectionStatus.CLOSED  # concluded and replied to at 签发
    assert act(to_reply, "reply") == ObjectionStatus.DECIDED
    assert signed_off(to_reply) != ObjectionStatus.DECIDED
    measure = PunishmentMeasure.objects.get(record__objections__number=lifting, imposed_by=handler.department)
    act(lifting, "confirm-lifting", measure_id=measure.pk)
    assert not measure.liftings.filter(confirmed_at=None).exists()


def test_subject_can_appeal_the_printed_repair_decision(printed):
    from casework.models import AppealStatus, RepairCase
    from workflows.appeal_actions import repair_appeal_lodge

    repair = RepairCase.objects.get(number=printed("subject")[-1])
    assert repair.status == RepairStatus.REJECTED
    appeal = repair_appeal_lodge(repair=repair, acting_user=User.objects.get(username="subject"),
                                 grounds="奖励资金已全额拨付，不良影响已经消除，请求重新审核。")
    assert appeal.status == AppealStatus.RECEIVED and appeal.handling_office.name == "长春市社会信用体系建设联席会议办公室"


def test_supervisor_office_can_accept_the_printed_appeal(printed):
    from casework.models import AppealStatus, RepairAppeal

    appeal = RepairAppeal.objects.get(number=printed("handler-ccxyb")[-1])
    office = User.objects.get(username="handler-ccxyb")
    assert appeal.status == AppealStatus.RECEIVED
    assert {"accept", "not-accept"} <= set(rectification_allowed_actions(appeal, office))
    rectification_act(case=appeal, action="accept", acting_user=office, payload={"reason": "予以受理。"})
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REVIEWING


def test_supervisor_office_can_accept_the_printed_rectification(printed):
    number = printed("handler-ccxyb")[0]
    case = RectificationCase.objects.get(number=number)
    assert case.status == RectificationStatus.UNDER_ACCEPTANCE
    assert "accept" in rectification_allowed_actions(case, User.objects.get(username="handler-ccxyb"))


@pytest.mark.parametrize("username", ["handler", "handler-ccxyb"])
def test_each_printed_case_waits_in_the_handlers_queue(client, printed, username):
    numbers = printed(username)
    client.force_login(User.objects.get(username=username))
    page = client.get(reverse("work:queue:index")).content.decode()
    for number in numbers:
        assert number in page, number


def test_supervisors_dashboard_shows_overdue_and_due_soon(client, printed):
    supervisor = User.objects.get(username="supervisor")
    total = dashboard_now(scope_path=supervisor.jurisdiction.path, today=clock.today())["total"]
    assert total["overdue"] >= 1 and total["soon"] >= 1
    client.force_login(supervisor)
    page = client.get(reverse("supervision:dashboard"), follow=True)
    assert page.status_code == 200 and "督办看板" in page.content.decode()


def test_a_used_record_is_replaced_by_a_fresh_one_on_the_next_run(printed):
    free, repairable = printed("subject")[:2]
    objection_lodge(record=CreditRecord.objects.get(number=free), channel="department",
                    acting_user=User.objects.get(username="subject"),
                    grounds="该笔工程进度款已按合同约定支付，附银行回单，请予核查。")
    again = _printed(_seed(), "subject")
    assert again[0] != free and again[1] == repairable
    assert CreditRecord.objects.get(number=again[0]).status == RecordStatus.ACTIVE


def test_the_portal_offers_an_objection_only_on_records_that_can_take_one(client, printed):
    """The subject's home: 提出异议 on the printed record, none on a record already under objection;
    申请信用修复 only on a record whose application would be taken today."""
    subject = User.objects.get(username="subject")
    client.force_login(subject)
    page = client.get("/portal/").content.decode()
    records = CreditRecord.objects.filter(subject=subject.subject)
    assert records.filter(status=RecordStatus.UNDER_OBJECTION).exists()
    for record in records:
        offered = f"/portal/objections/new/?record={record.pk}\"" in page
        assert offered == (record.status == RecordStatus.ACTIVE), record.number
    free, repairable = (CreditRecord.objects.get(number=number) for number in printed("subject")[:2])
    assert f"/portal/objections/new/?record={free.pk}\"" in page
    assert f"/portal/repairs/new/?record={repairable.pk}\"" in page
    assert f"/portal/repairs/new/?record={free.pk}\"" not in page  # published too recently
    for record in records.exclude(status=RecordStatus.ACTIVE):
        assert f"/portal/repairs/new/?record={record.pk}\"" not in page, record.number


def test_the_reviewer_and_signer_logins_sign_off_for_the_handlers_department():
    from casework.models import Department

    output = _seed()
    handler, reviewer, signer = (User.objects.get(username=name) for name in ("handler", "reviewer", "signer"))
    assert reviewer.department == signer.department == handler.department
    assert (reviewer.may_review, reviewer.may_sign_off, signer.may_review, signer.may_sign_off) == (
        True, False, False, True)
    assert not handler.may_review and not handler.may_sign_off
    assert "  reviewer — " in output and "  signer — " in output
    # Every decision letter is signed off, but for the one department that shows the setting.
    one_step = {d.name: d.one_step_letter_kinds for d in Department.objects.all() if d.one_step_letter_kinds}
    assert one_step == {"长春市社会信用体系建设联席会议办公室": ["rectification_acceptance"]}


@pytest.mark.parametrize("day", [
    (2026, 12, 3, 0, 30),  # Beijing's 3 December at 00:30 (still the 2nd in UTC): the fixed November dates broke here
    (2026, 10, 9),  # the first working day after the National Day holiday
    (2026, 10, 10),  # a make-up working Saturday (调休上班)
    (2026, 10, 4),  # inside the holiday
    (2027, 2, 21),  # a Sunday after the Spring Festival
])
def test_the_story_seeds_and_reads_the_same_whatever_the_day(at, day):
    """demo.dates counts the story back in working days from the seeding day: the paused case is
    still paused, the never-accepted one is overdue, the dashboard has overdue and due-soon rows."""
    at(*day)
    _seed()
    today = clock.today()
    overdue = ObjectionCase.objects.get(record__subject__name="农安县人民政府", record__key_area="procurement")
    assert overdue.status == ObjectionStatus.LODGED
    reply = Deadline.objects.get(owner_type=ContentType.objects.get_for_model(ObjectionCase), owner_id=overdue.pk)
    assert reply.due_date < today and reply.met_at is None
    paused = ObjectionCase.objects.get(record__subject__name="延吉市人民政府", record__key_area="investment")
    assert paused.status == ObjectionStatus.AWAITING_MATERIALS
    supervisor = User.objects.get(username="supervisor")
    total = dashboard_now(scope_path=supervisor.jurisdiction.path, today=today)["total"]
    assert total["overdue"] >= 1 and total["soon"] >= 1
