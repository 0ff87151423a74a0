"""Open objections in every state and several departments, made through the workflows facade.

Every case is dated from the seeding day, in working days (demo.dates): the story reads the same
whenever the demo is seeded. The two that give 长春市财政局's handler a case to decide and one to
reply to come last, the first due soon.
"""

from casework.limits import limit
from casework.models import CreditRecord, KeyArea, MeasureKind, ObjectionCase, Severity
from demo.dates import at_ten, days_ago, received_for_due_in, working_days_ago
from demo.organisations import handlers, officer_for
from demo.records import record_make
from workflows.actions import act as objection_act
from workflows.objection_actions import objection_lodge

GROUNDS = "记录所述事项与事实不符：相关款项已按合同约定支付，附银行付款凭证，请予核查更正。"


def _lodge(record, received, channel="department"):
    return objection_lodge(
        record=record, channel=channel, acting_user=officer_for(record.subject), grounds=GROUNDS,
        received_at=at_ten(received),
    )


def objections_create(depts, subjects) -> None:
    """Once: none if any objection exists."""
    if ObjectionCase.objects.exists():
        return
    users = handlers()

    def act(case, action, username, **payload):
        case.refresh_from_db()
        objection_act(case=case, action=action, acting_user=users[username], payload=payload)

    records = {r.subject.name + r.key_area: r for r in CreditRecord.objects.select_related("subject")}
    # 1. Lodged with 长春市财政局 20 working days ago and never accepted: overdue in its queue.
    _lodge(records["农安县人民政府procurement"], working_days_ago(20))
    # 2. PPP record: accepted by 吉林省财政厅, under verification.
    case = _lodge(records["农安县人民政府ppp"], working_days_ago(7))
    act(case, "accept", "handler-jlczt")
    # 3. 延吉: materials requested by 延边州财政局, waiting for the subject (the clock paused with 5
    #    working days left: a limit already run out could not be paused).
    case = _lodge(records["延吉市人民政府investment"], working_days_ago(10))
    act(case, "accept", "handler-ybczj")
    act(case, "request-materials", "handler-ybczj", materials="奖励资金拨付的银行回单\n与企业签订的补充协议")
    # 4. Upheld and revoked: 长春市发改委 and 长春市财政局 must each lift their measure.
    case = _lodge(records["长春市南关区住房和城乡建设局bidding"], working_days_ago(12))
    act(case, "accept", "handler-ccfgw")
    act(case, "decide", "handler-ccfgw", outcome="upheld", revoke=True,
        reasons="经复核招标文件，所设资格条件属行业强制性要求，不构成排斥潜在投标人。")
    act(case, "reply", "handler-ccfgw")
    # 5. Lodged with 吉林市信用信息中心 (the platform): verified by 吉林市财政局, not upheld, replied.
    case = _lodge(records["吉林市城市管理局debt"], working_days_ago(8), channel="platform")
    act(case, "accept", "handler-jlsxy")
    act(case, "decide", "handler-jlsczj", outcome="not_upheld",
        reasons="经核查，法院判决确定的债务至今未履行，记录属实。")
    act(case, "reply", "handler-jlsxy")

    finance = depts["长春市财政局"]
    # 6. 长春市财政局 accepted it and must now verify and decide; the reply falls due in two working days.
    record = record_make(
        subject=subjects["长春市南关区住房和城乡建设局"], determined_by=finance, on=days_ago(120),
        key_area=KeyArea.GOVERNMENT_PROCUREMENT, facts="老旧小区物业服务采购合同履行完毕后逾期四个月未支付服务费。",
        basis="《保障中小企业款项支付条例》第八条。",
        measure=(MeasureKind.NO_FUNDING, "暂缓安排老旧小区改造专项资金"),
    )
    case = _lodge(record, received_for_due_in(2, limit_working_days=limit("objection_reply_working_days")))
    act(case, "accept", "handler")
    # 7. 长春市财政局 decided (not upheld): the written reply is its next step.
    record = record_make(
        subject=subjects["长春市公共资源交易中心"], determined_by=finance, on=days_ago(90), severity=Severity.MINOR,
        key_area=KeyArea.GOVERNMENT_PROCUREMENT, facts="政府采购项目中标结果未在法定期限内公告。",
        basis="《政府采购法实施条例》第四十三条。",
        measure=(MeasureKind.PUBLIC_CRITICISM, "全市财政系统通报"),
    )
    case = _lodge(record, days_ago(6))
    act(case, "accept", "handler")
    act(case, "decide", "handler", outcome="not_upheld",
        reasons="经核查，中标结果公告晚于法定期限五日，记录属实。")
