"""Two handlers of the supervisor office decide the same completion report at the same moment,
one accepting and one returning it: exactly one wins, the other is told the case changed.

Needs real row locks, so it runs on PostgreSQL (CI's second pass).
"""

from casework.models import AuditEntry, RectificationCase, RectificationReturn, RectificationStatus, SubjectKind
from letters.models import Letter
from tests.factories import (
    CreditRecordFactory,
    JurisdictionFactory,
    SubjectFactory,
    SupervisorOfficeFactory,
    UserFactory,
)
from tests.workflows.racing import needs_row_locks, one_wins_the_race
from workflows.actions import act
from workflows.case_flow import process_for
from workflows.rectification_actions import rectification_order

pytestmark = needs_row_locks


def test_accepting_and_returning_at_once_one_wins_one_is_told(at):
    at(2026, 10, 9)
    city = JurisdictionFactory()
    office = SupervisorOfficeFactory(jurisdiction=city)
    government = SubjectFactory(kind=SubjectKind.GOVERNMENT, jurisdiction=JurisdictionFactory(parent=city))
    first = UserFactory(handler=True, department=office)
    second = UserFactory(handler=True, department=office)
    officer = UserFactory(subject_officer=True, subject=government)
    case = rectification_order(subject=government, records=[CreditRecordFactory(subject=government)],
                               requirements="支付拖欠款项", limit_working_days=10, acting_user=first)
    for action, text in (("submit-explanation", "因预算执行监控缺位，导致合同价款逾期支付。"),
                         ("submit-plan", "十个工作日内付清欠款并建立台账。"),
                         ("submit-completion", "欠款已全部付清，台账已建立。")):
        case.refresh_from_db()
        act(case=case, action=action, acting_user=officer, payload={"text": text})
    case.refresh_from_db()
    act(case=case, action="record-accountability", acting_user=first,
                      payload={"person": "王某", "position": "县财政局局长", "action_taken": "诫勉谈话"})

    copies = [RectificationCase.objects.get(pk=case.pk) for _ in range(2)]
    loser = one_wins_the_race((copies[0], "accept", first, {"opinion": "整改到位。"}),
                              (copies[1], "return", second, {"reasons": "台账不完整。"}))
    assert "已被他人处理" in loser
    case.refresh_from_db()
    accepted = case.status == RectificationStatus.ACCEPTED
    assert case.status in (RectificationStatus.ACCEPTED, RectificationStatus.RECTIFYING)
    assert AuditEntry.objects.filter(target_id=case.pk, action__in=["accept", "return_for_rework"]).count() == 1
    assert RectificationReturn.objects.count() == (0 if accepted else 1)
    assert Letter.objects.filter(kind="rectification_acceptance").count() == 1
    open_nodes = {t.flow_task.name for t in process_for(case).task_set.filter(status__in=["NEW", "ASSIGNED"])}
    assert open_nodes == (set() if accepted else {"rectify"})
