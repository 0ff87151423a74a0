"""The records `subject` tries first: one free for an objection, one eligible for credit repair.

Ensured on every run, not once: `bin/run` seeds again at each start, and a record already objected
to or under repair would leave the printed login at a dead end. So a run adds a fresh record only
when the last one has been used; a second run straight after the first adds nothing.
"""

from calendars import clock
from casework.models import CreditRecord, MeasureKind, RecordStatus
from casework.services.repairs import repair_eligibility
from demo.dates import days_ago
from demo.records import record_make

# Told apart from the demo's other records by their facts.
FREE_FOR_OBJECTION = "县城道路维修工程政府采购项目中，未按合同约定期限支付工程进度款。"
ELIGIBLE_FOR_REPAIR = "县农村饮水安全工程竣工验收后逾期支付设计服务费，现已全额支付并取得设计单位书面确认。"


def _active(subject, facts):
    return CreditRecord.objects.filter(
        subject=subject, facts=facts, status=RecordStatus.ACTIVE).order_by("pk")


def record_free_for_objection(subject) -> CreditRecord | None:
    """The subject's demo record with no objection or repair open on it (its status says so)."""
    return _active(subject, FREE_FOR_OBJECTION).first()


def record_eligible_for_repair(subject) -> CreditRecord | None:
    """The subject's demo record whose minimum publication period has passed, with no case open on it."""
    today = clock.today()
    return next((record for record in _active(subject, ELIGIBLE_FOR_REPAIR)
                 if repair_eligibility(record=record, subject_id=subject.pk, today=today).eligible), None)


def tryouts_ensure(*, subject, determined_by, also_imposing) -> None:
    """Give `subject` a record free for objection and one eligible for repair, unless it has them.

    `determined_by` determines both and imposes a measure; `also_imposing` imposes a second one on
    the record to object to (joint punishment: a revocation then has two departments lift).
    """
    if record_free_for_objection(subject) is None:
        # Determined 45 days ago: open to an objection, not yet to repair (a general record is
        # published three months first), so the two paths stay apart.
        record_make(subject=subject, determined_by=determined_by, on=days_ago(45), facts=FREE_FOR_OBJECTION,
                    basis="《保障中小企业款项支付条例》第八条。",
                    measures=[(determined_by, MeasureKind.NO_FUNDING, "暂缓安排交通专项资金"),
                              (also_imposing, MeasureKind.NO_NEW_PROJECTS, "限制新增交通基础设施项目审批")])
    if record_eligible_for_repair(subject) is None:
        # Determined some 200 days ago: past the three months a general record is published first.
        record_make(subject=subject, determined_by=determined_by, on=days_ago(200), facts=ELIGIBLE_FOR_REPAIR,
                    basis="《保障中小企业款项支付条例》第八条。",
                    measure=(MeasureKind.NO_FUNDING, "暂缓安排水利专项资金"))
