"""Appeals against repair decisions (信用修复申诉), in 长春.

农安县人民政府 had two repair applications rejected by 长春市发展和改革委员会: it appealed the first
one, which waits for 长春's office's acceptance review, and may still appeal the second from the
printed login `subject`.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.evidence import blank_pdf
from casework.models import MeasureKind, RepairAppeal, Severity
from demo.dates import days_ago
from demo.organisations import DEPARTMENT_HANDLERS, handlers, officer_for
from demo.records import record_make
from demo.repairs import repair_make
from workflows.actions import act
from workflows.appeal_actions import repair_appeal_lodge


def _rejected_repair(*, subject, department, determined, facts, measure, text, reasons):
    record = record_make(subject=subject, determined_by=department, on=days_ago(determined), facts=facts,
                         severity=Severity.MINOR, measure=measure)
    repair = repair_make(record, days_ago(12), text)
    act(case=repair, action="decide", acting_user=handlers()[DEPARTMENT_HANDLERS[department.name]],
        payload={"approved": False, "reasons": reasons})
    repair.refresh_from_db()
    return repair


def appeals_create(depts, subjects) -> None:
    """Once: none if any appeal exists."""
    if RepairAppeal.objects.exists():
        return
    nongan, ndrc = subjects["农安县人民政府"], depts["长春市发展和改革委员会"]
    appealed = _rejected_repair(
        subject=nongan, department=ndrc, determined=200, facts="招商引资协议约定的厂房配套道路逾期一年未建成。",
        measure=(MeasureKind.INTERVIEW, "约谈县政府分管负责人"),
        text="配套道路已于今年完工并通过竣工验收，已向企业书面说明延误原因。",
        reasons="未提交竣工验收备案材料，不能证明已消除不良影响。",
    )
    repair_appeal_lodge(
        repair=appealed, acting_user=officer_for(nongan),
        grounds="竣工验收备案表已于决定作出前报送长春市住房和城乡建设局，决定书认定未提交与事实不符。",
        files=[SimpleUploadedFile("竣工验收备案表.pdf", blank_pdf(), "application/pdf")],
    )
    _rejected_repair(
        subject=nongan, department=ndrc, determined=180, facts="未按协议约定期限兑现企业入园奖励资金。",
        measure=(MeasureKind.PUBLIC_CRITICISM, "全市通报批评"),
        text="奖励资金已全额拨付到企业账户，企业出具了收款确认书。",
        reasons="拨付时间晚于协议约定一年以上，不良影响尚未消除。",
    )
