"""Credit repair applications under review, awaiting materials and approved, made through the facade."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.evidence import blank_pdf
from casework.models import MeasureKind, RepairCase, Severity
from demo.dates import at_ten, days_ago, working_days_ago
from demo.organisations import handlers, officer_for
from demo.records import record_make
from workflows.actions import act as repair_act
from workflows.repair_actions import repair_apply


def repair_make(record, received: datetime.date, text: str) -> RepairCase:
    """The record's subject applies, with its signed commitment."""
    return repair_apply(
        record=record, losses_recovered=text, commitment_signed=True,
        commitment_file=SimpleUploadedFile("信用承诺书.pdf", blank_pdf(), "application/pdf"),
        acting_user=officer_for(record.subject), received_at=at_ten(received),
    )


def repairs_create(depts, subjects) -> None:
    """Once: none if any repair exists."""
    if RepairCase.objects.exists():
        return
    users = handlers()
    d = datetime.date
    # 1. Under review at 长春市发改委 (measures of 发改委 and 长春市财政局).
    centre = record_make(
        subject=subjects["长春市公共资源交易中心"], determined_by=depts["长春市发展和改革委员会"], on=d(2026, 4, 1),
        facts="交易系统故障处置不及时，导致三个标段开标延期且未及时告知投标人。",
        measures=[(depts["长春市发展和改革委员会"], MeasureKind.INTERVIEW, "约谈主要负责人"),
                  (depts["长春市财政局"], MeasureKind.NO_FUNDING, "暂缓安排信息化专项资金")],
    )
    repair_make(centre, working_days_ago(6), "已完成系统双机热备改造，并向受影响投标人逐一书面致歉、补偿投标费用。")
    # 2. A civil servant's minor record: 长春市人社局 asked for materials.
    clerk = record_make(
        subject=subjects["张某某"], determined_by=depts["长春市人力资源和社会保障局"], on=d(2026, 9, 1),
        severity=Severity.MINOR, facts="在项目审批中超期办理且未说明理由。",
        measure=(MeasureKind.NO_HONOURS, "取消本年度评先评优资格"),
    )
    case = repair_make(clerk, working_days_ago(2), "已在规定时限内办结积压审批事项，并主动向申请人说明情况。")
    repair_act(case=case, action="request-materials", acting_user=users["handler-ccrsj"],
               payload={"materials": "积压事项办结清单\n申请人书面确认"})
    # 3. Approved by 吉林市财政局: record repaired, the measure to waive and the report wait.
    debt = record_make(
        subject=subjects["吉林市城市管理局"], determined_by=depts["吉林市财政局"], on=d(2026, 5, 6),
        facts="拖欠环卫设备采购尾款超过合同约定期限六个月。",
        measure=(MeasureKind.NO_FUNDING, "暂停新增设备采购资金"),
    )
    case = repair_make(debt, working_days_ago(9), "尾款及逾期利息已全部支付，供应商出具书面确认。")
    repair_act(case=case, action="decide", acting_user=users["handler-jlsczj"], payload={
        "approved": True, "reasons": "已主动挽回损失、消除不良影响，符合信用修复条件。",
        "decisions": [{"measure": debt.measures.get().pk, "decision": "waive", "reasons": "损失已全部挽回"}],
    })
    # 4. Under review at 长春市财政局, received three days ago: its handler decides per measure.
    finance = depts["长春市财政局"]
    bureau = record_make(
        subject=subjects["长春市南关区住房和城乡建设局"], determined_by=finance, on=days_ago(150),
        severity=Severity.MINOR, facts="未按规定时限报送年度政府采购预算执行情况。",
        measure=(MeasureKind.PUBLIC_CRITICISM, "全市财政系统通报"),
    )
    repair_make(bureau, days_ago(3), "已补报年度预算执行情况，建立按月报送台账，并在全局通报整改情况。")
