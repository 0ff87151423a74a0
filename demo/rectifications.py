"""Rectification orders in every state, made through the facade.

长春's office has one overdue without the written explanation, one rectifying and one completed
awaiting its acceptance; the provincial office one awaiting acceptance and one returned once, then
accepted. Dates are relative to today, so the overdue one is overdue whenever the demo is seeded.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from calendars import clock
from casework.evidence import blank_pdf
from casework.models import CreditRecord, MeasureKind, RectificationCase
from demo.organisations import handlers, officer_for
from demo.records import record_make
from workflows.actions import act as rectification_act
from workflows.rectification_actions import rectification_order

BASIS = "《吉林省人民政府办公厅关于加强政务诚信建设的实施方案》（吉政办发〔2017〕75号）二（九）。"


def _evidence(name):
    return [SimpleUploadedFile(name, blank_pdf(), "application/pdf")]


def rectifications_create(depts, subjects) -> None:
    """Once: none if any rectification exists."""
    if RectificationCase.objects.exists():
        return
    users = handlers()
    city_office, province_office = users["handler-ccxyb"], users["handler-jlxyb"]
    nongan, yanji = subjects["农安县人民政府"], subjects["延吉市人民政府"]
    records = {r.subject.name + r.key_area: r for r in CreditRecord.objects.select_related("subject")}
    now = clock.now()

    def order(office, subject, record, days_ago, requirements, **limit):
        return rectification_order(
            subject=subject, records=[record], requirements=requirements, acting_user=office, basis=BASIS,
            ordered_at=now - datetime.timedelta(days=days_ago), **limit,
        )

    def act(case, action, user, **payload):
        case.refresh_from_db()
        rectification_act(case=case, action=action, acting_user=user, payload=payload)

    def order_over_arrears(office, subject, determined_by, on, facts, measure, days_ago, requirements, limit):
        """Order `subject` over a payment in arrears: a new record, its determining department's measure."""
        record = record_make(subject=subject, determined_by=determined_by, on=on, facts=facts,
                             basis="《保障中小企业款项支付条例》第八条。", measure=(MeasureKind.NO_FUNDING, measure))
        return order(office, subject, record, days_ago, requirements, limit_working_days=limit)

    def explained_planned_completed(case, officer, explanation, plan, completion, file_name):
        act(case, "submit-explanation", officer, text=explanation)
        act(case, "submit-plan", officer, text=plan)
        act(case, "submit-completion", officer, text=completion, files=_evidence(file_name))

    # 1. 长春 orders 农安县 over the procurement arrears: no written explanation yet, overdue.
    order(city_office, nongan, records["农安县人民政府procurement"], 35,
          "书面说明逾期支付合同价款的原因\n支付拖欠的合同价款及逾期利息\n建立政府采购合同款项支付台账",
          limit_working_days=15)
    # 2. 长春 orders 农安县 over the PPP payments: explained, planned, one progress report.
    case = order(city_office, nongan, records["农安县人民政府ppp"], 10,
                 "足额支付拖欠的可用性服务费\n将政府付费义务纳入中期财政规划", limit_working_days=20)
    officer = officer_for(nongan)
    act(case, "submit-explanation", officer,
        text="因县级财力紧张、未将PPP项目付费纳入年度预算，导致两期可用性服务费逾期未付。")
    act(case, "submit-plan", officer, text="一、本月内支付第一期费用；二、下月内支付第二期；三、修订中期财政规划。")
    act(case, "submit-progress", officer, text="第一期可用性服务费已于本月支付，附银行回单。",
        files=_evidence("第一期付款回单.pdf"))
    # 3. The provincial office orders 延吉 over the investment award: completed, awaiting acceptance.
    case = order(province_office, yanji, records["延吉市人民政府investment"], 21,
                 "兑现招商引资承诺的落户奖励资金\n清理其他未兑现的招商承诺",
                 limit_date=(now + datetime.timedelta(days=30)).astimezone(clock.BEIJING).date())
    officer = officer_for(yanji)
    explained_planned_completed(
        case, officer, "奖励资金审批流程过长，财政与商务部门衔接不畅，导致未按期兑现。",
        "一次性拨付奖励资金，并对全部招商承诺逐项清理、建立台账。",
        "奖励资金已全额拨付，其他承诺清理完毕，附拨付凭证和清理台账。", "奖励资金拨付凭证.pdf")
    # 4. The provincial office orders 延吉 over the heating arrears: returned once, accountability
    # recorded, accepted.
    case = order_over_arrears(
        province_office, yanji, depts["延边朝鲜族自治州财政局"], datetime.date(2026, 1, 12),
        "拖欠市区集中供热企业运营补贴超过合同约定期限三个月。", "暂缓安排供热专项资金",
        14, "支付拖欠的运营补贴\n建立补贴按期拨付机制", 20)
    explained_planned_completed(
        case, officer, "补贴资金拨付环节未设时限，财政局内部审核积压所致。", "十日内付清补贴，并制定补贴拨付时限规定。",
        "拖欠的运营补贴已全部付清。", "补贴付款凭证.pdf")
    act(case, "return", province_office, reasons="未提交补贴按期拨付机制的制度文件，请补充后重新报送。")
    act(case, "submit-completion", officer, text="补贴已付清，《供热补贴拨付管理办法》已印发，附文件。",
        files=_evidence("供热补贴拨付管理办法.pdf"))
    act(case, "record-accountability", province_office, person="刘某", position="延吉市财政局副局长",
        action_taken="诫勉谈话，责令作出书面检查")
    act(case, "accept", province_office, opinion="拖欠补贴已付清，拨付机制已建立，整改到位，验收通过。")
    # 5. 长春 orders 农安县 over the clinic's construction arrears: completed, awaiting 长春's acceptance.
    case = order_over_arrears(
        city_office, nongan, depts["长春市财政局"], datetime.date(2026, 7, 6),
        "乡镇卫生院建设工程竣工验收后逾期八个月未支付工程尾款。", "暂缓安排基层医疗卫生专项资金",
        25, "支付拖欠的工程尾款\n建立工程款支付预警机制", 30)
    explained_planned_completed(
        case, officer_for(nongan), "工程结算审核与预算安排衔接不畅，尾款未列入当年预算。",
        "一、追加预算一次性支付尾款；二、建立工程款支付预警机制。",
        "工程尾款已全额支付，预警机制已建立，附付款凭证和制度文件。", "工程尾款付款凭证.pdf")
