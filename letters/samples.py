"""Demo data for every letter kind: `manage.py letters sample`, the benchmark and tests.

The names are invented; the dates follow DOMAIN.md's example (an objection
received Monday 2026-09-28, reply due 2026-10-23).
"""

import copy
import datetime

from letters.kinds import KINDS

ISSUER_NAME = "长春市财政局"
ISSUER_PREFIX = "长财信"
# Only a joint-conference office orders or accepts a rectification, reports on
# supervision and answers complaints (the plan's 二（七）, 二（九）).
OFFICE_NAME = "长春市社会信用体系建设联席会议办公室"
OFFICE_KINDS = frozenset({
    "rectification_order", "rectification_acceptance", "complaint_transfer", "complaint_answer",
    "appeal_decision",
    "supervision_quarterly_report", "supervision_inspection_report", "oversight_notice",
})
ADDRESSEE = "农安县人民政府"
ISSUED_ON = datetime.date(2026, 10, 23)
CC = ("长春市社会信用体系建设联席会议办公室", "吉林省信用信息中心")

# What casework.services.letter_parties adds to a real case's letters.
_PARTIES = {
    "subject_kind": "government",
    "remedy_office": OFFICE_NAME,
    "review_government": "长春市人民政府",
    "contact_person": "王明",
    "contact_phone": "0431-88776655",
}
_OFFICE_PARTIES = {**_PARTIES, "remedy_office": "吉林省社会信用体系建设联席会议办公室",
                   "contact_person": "李华", "contact_phone": "0431-88990011"}

_OBJECTION = {
    "case_number": "YY-2026-000015",
    "subject_name": "农安县人民政府",
    "record_number": "XY-2026-000042",
    "record_summary": "2026年3月16日认定：逾期未支付中小企业账款",
    "received_on": "2026-09-28",
    "reply_due_on": "2026-10-23",
    **_PARTIES,
    "grounds": "该笔账款已于2026年2月27日通过国库集中支付系统全额支付，认定时未核对支付凭证，"
    "相关记录与事实不符。\n随申请附支付凭证复印件及收款单位出具的收款确认函。",
}

CONTEXTS = {
    "acceptance_notice": {**_OBJECTION},
    "non_acceptance_notice": {
        **_OBJECTION,
        "reasons": "申请人对同一信用记录以相同事实和理由提出的异议，本单位已于2026年6月12日作出书面答复，"
        "且申请人未提供新的事实和证据。",
    },
    "materials_request": {
        **_OBJECTION,
        "materials": ["国库集中支付凭证（加盖财务专用章）", "收款单位出具的收款确认函原件", "经办人身份证明"],
        "materials_due_on": "2026-10-12",
    },
    "objection_reply": {
        **_OBJECTION,
        "outcome": "upheld",
        "findings": "本单位调取了国库集中支付系统的支付记录，并向收款单位长春市某建材有限公司核实。"
        "该笔账款计人民币48.6万元已于2026年2月27日全额支付，收款单位确认已收到。"
        "认定时因支付数据未及时同步，误将该笔账款认定为逾期未支付。",
        "reasons": "原认定所依据的事实有误，该信用记录应予更正。",
        "correction": {
            "before": "逾期未支付中小企业账款（48.6万元），认定日期2026年3月16日",
            "after": "已按合同约定支付中小企业账款，无逾期",
        },
        "report_due_on": "2026-10-30",
        "measures": [
            {"kind": "暂停安排新增财政专项资金", "imposed_by": "长春市财政局"},
            {"kind": "限制参加评先评优", "imposed_by": "长春市发展和改革委员会"},
        ],
    },
    "correction_feedback": {
        **_OBJECTION,
        "action": "corrected",
        "before": "逾期未支付中小企业账款（48.6万元），认定日期2026年3月16日",
        "after": "已按合同约定支付中小企业账款，无逾期",
        "report_due_on": "2026-10-30",
    },
    "measure_lifting_notice": {
        **_PARTIES,
        "case_number": "YY-2026-000015",
        "subject_name": "农安县人民政府",
        "record_number": "XY-2026-000042",
        "record_summary": "逾期未支付中小企业账款",
        "measures": [
            {"kind": "暂停安排新增财政专项资金", "imposed_by": "长春市财政局",
             "imposed_on": "2026-03-23", "lifted_on": "2026-10-23"},
            {"kind": "限制参加评先评优", "imposed_by": "长春市发展和改革委员会",
             "imposed_on": "2026-03-30", "lifted_on": "2026-10-23"},
        ],
    },
    "rectification_order": {
        **_OFFICE_PARTIES,
        "case_number": "ZG-2026-000003",
        "subject_name": "农安县人民政府",
        "records": [
            {"number": "XY-2026-000042", "summary": "逾期未支付中小企业账款48.6万元"},
            {"number": "XY-2026-000057", "summary": "未履行招商引资合同约定的政策承诺"},
        ],
        "requirements": [
            "书面说明上述政务失信行为的具体情况及原因",
            "制定整改方案，明确责任人、整改措施和完成时限",
            "对造成政务失信行为的主要负责人依法依规提出处理意见",
        ],
        "impact": "上述行为致使相关企业资金周转困难，涉及中小企业账款48.6万元；未兑现的招商引资承诺造成"
        "投资项目停滞，损害了政府公信力和本地营商环境。",
        "explanation_due_on": "2026-11-06",
        "deadline_on": "2026-12-31",
    },
    "rectification_acceptance": {
        **_OFFICE_PARTIES,
        "case_number": "ZG-2026-000003",
        "subject_name": "农安县人民政府",
        "order_number": "长信办改〔2026〕3号",
        "deadline_on": "2026-12-31",
        "result": "passed",
        "opinion": "经现场核查和资料审核，整改方案确定的各项措施已落实，拖欠账款已全部清偿，"
        "相关责任人已按规定处理。同意通过验收。",
    },
    "repair_decision": {
        **_PARTIES,
        "approved": True,
        "report_due_on": "2026-10-30",
        "case_number": "XF-2026-000008",
        "subject_name": "农安县人民政府",
        "record_number": "XY-2026-000042",
        "record_summary": "逾期未支付中小企业账款",
        "received_on": "2026-09-28",
        "findings": "经审查，申请人在失信行为发生后主动清偿了全部拖欠账款，并建立了账款支付台账制度，"
        "已消除不良影响。",
        "decisions": [
            {"measure": "暂停安排新增财政专项资金", "decision": "waive", "reasons": "已主动挽回损失、消除不良影响"},
            {"measure": "限制参加评先评优", "decision": "reduce", "reasons": "限制期限由二年减为一年"},
        ],
    },
    "repair_notice": {
        **_PARTIES,
        "subject_name": "农安县人民政府",
        "record_number": "XY-2026-000042",
        "record_summary": "在县城供热管网改造项目政府采购中逾期未向中标企业支付合同价款",
        "determined_on": "2026-09-28",
        "published_on": "2026-09-28",
        "ends_on": "2027-09-28",
        "severity": "一般",
        "min_months": "3",
        "max_months": "12",
        "eligible_on": "2026-12-28",
        "materials": [
            "信用修复申请，写明纠正失信行为、主动挽回损失、消除不良影响或者有效阻止危害结果发生的情况",
            "法定责任义务履行完毕的证明材料（如付款凭证、整改完成的证明）",
            "加盖公章的信用承诺书，承诺内容将予公开",
        ],
        "apply_at": "http://127.0.0.1:8000/portal/",
        "acceptance_working_days": "3",
        "review_working_days": "10",
    },
    "receipt": {
        "case_number": "YY-2026-000015",
        "case_kind": "信用信息异议申请",
        "subject_name": "农安县人民政府",
        "record_number": "XY-2026-000042",
        "received_on": "2026-09-28",
        "due_on": "2026-10-23",
        "due_basis": "自2026年9月28日的次日起算15个工作日（《吉林省政务诚信建设实施方案》规定的异议答复期限）",
        "lookup_url": "http://127.0.0.1:8000/public/lookup/?number=YY-2026-000015",
    },
    "complaint_transfer": {
        "case_number": "TS-2026-000004",
        "subject_name": "农安县人民政府",
        "received_on": "2026-09-28",
        "occurred_on": "2026-08-14",
        "facts": "投诉反映：农安县人民政府与某建材有限公司签订的采购合同约定2026年6月30日前付清货款，至今未支付。",
        "requirements": "请核实投诉事项，依法依规处理，并书面报送调查核实情况和处理结果。",
        "deadline_on": "2026-10-23",
    },
    "complaint_answer": {
        "case_number": "TS-2026-000004",
        "subject_name": "农安县人民政府",
        "received_on": "2026-09-28",
        "accepted": True,
        "findings": "经转农安县人民政府调查核实，所反映的货款已于2026年10月16日付清。",
        "answer": "你反映的问题属实，被投诉单位已纠正，本单位已将其纳入政务诚信评价。",
    },
    "appeal_decision": {
        "case_number": "SS-2026-000001",
        "subject_name": "农安县人民政府",
        "received_on": "2026-09-28",
        "repair_number": "XF-2026-000007",
        "record_number": "XY-2026-000012",
        "repair_decided_on": "2026-09-18",
        "repair_letter_number": "长发改信修〔2026〕3号",
        "deciding_department": "长春市发展和改革委员会",
        "grounds": "拖欠款项已于2026年8月全部付清，并取得供应商书面确认，决定书认定“未挽回损失”与事实不符。",
        "accepted": True,
        "outcome": "partly",
        "reasons": "经调阅修复审核材料并向认定部门核实，欠款已全部付清属实，原决定对该项事实认定有误；"
        "申请主体未按要求提交消除不良影响的证明，该部分申诉理由不能成立。",
        **_PARTIES,
        # Heard by 长春's office: the body a level up is the province's.
        "remedy_office": "吉林省社会信用体系建设联席会议办公室",
        "review_government": "长春市人民政府",
    },
    "extension_notice": {
        **_PARTIES,
        "title": "延长办理期限通知书",
        "case_number": "XF-2026-000011",
        "case_kind": "信用修复申请",
        "subject_name": "农安县人民政府",
        "record_number": "XY-2026-000042",
        "received_on": "2026-10-16",
        "original_due_on": "2026-10-30",
        "new_due_on": "2026-11-13",
        "working_days": "10",
        "duty": "作出信用修复决定",
        "limit_name": "信用修复申请的办理期限",
        "limit_basis": "信用修复申请审核期限的规定",
        "basis": "《国务院办公厅印发〈关于进一步完善信用修复制度的实施方案〉的通知》（国办发〔2025〕22号）"
        "第四部分关于因案情复杂或需进行核查的可以延长信用修复办理期限的规定",
        "reason": "申请所涉两项惩戒措施分别由长春市发展和改革委员会和省人力资源和社会保障厅实施，"
        "需向两个实施部门核实措施执行情况，并向收款单位调取2026年10月9日的清偿凭证。",
    },
    "supervision_quarterly_report": {
        "period": "2026年第三季度",
        "summary": "本季度全市共受理政务失信异议申请23件，办结21件，按期答复率95.7%；"
        "下达整改通知6件，完成整改验收4件；受理信用修复申请5件，办结5件。",
        "rows": [
            {"unit": "长春市财政局", "received": 9, "closed": 9, "overdue": 0},
            {"unit": "长春市发展和改革委员会", "received": 8, "closed": 7, "overdue": 1},
            {"unit": "农安县人民政府", "received": 6, "closed": 5, "overdue": 0},
        ],
        "findings": ["个别单位未在十五个工作日内作出书面答复", "部分更正信息未在五个工作日内报送省级平台"],
        "requirements": ["各单位要严格落实异议答复时限", "对逾期案件逐件说明原因并限期办结"],
    },
    "supervision_inspection_report": {
        "period": "2026年上半年",
        "summary": "2026年7月，市社会信用体系建设联席会议办公室对各县（市、区）政务诚信建设情况开展了专项督查。",
        "rows": [
            {"unit": "农安县人民政府", "received": 12, "closed": 12, "overdue": 0},
            {"unit": "德惠市人民政府", "received": 10, "closed": 9, "overdue": 1},
        ],
        "requirements": ["对督查发现的问题建立台账，逐项销号"],
    },
    "oversight_notice": {
        "case_number": "YY-2026-000015",
        "case_kind": "异议申请",
        "subject_name": "农安县人民政府",
        "deadline_kind": "书面答复",
        "start_on": "2026-09-28",
        "limit_working_days": 15,
        "due_on": "2026-10-23",
        "as_of": "2026-10-23",
        "standing": "at_risk",
        "working_days": 0,
        "reasons": "该异议申请已受理15个工作日，今日到期仍未作出书面答复。请于今日依法作出书面答复并送达申请人。",
        "feedback_due_on": "2026-10-28",
        "feedback_working_days": 3,
        "escalation_office": "吉林省社会信用体系建设联席会议办公室",
        "contact_person": "李华",
        "contact_phone": "0431-88990011",
    },
}

assert set(CONTEXTS) == set(KINDS), "every kind needs demo data"


def sample_context(kind: str) -> dict:
    return copy.deepcopy(CONTEXTS[kind])


def sample_addressee(kind: str) -> str:
    if kind.startswith("supervision_"):
        return "各县（市、区）人民政府，市政府各委办局"
    if kind == "oversight_notice":
        return ISSUER_NAME  # to the department that must reply, not to the subject
    return ADDRESSEE


def sample_issuer_name(kind: str) -> str:
    return OFFICE_NAME if kind in OFFICE_KINDS else ISSUER_NAME


def sample_issuer_prefix(kind: str) -> str:
    return "长信办" if kind in OFFICE_KINDS else ISSUER_PREFIX


def sample_cc(kind: str) -> tuple[str, ...]:
    """Copies to the office above, never to the issuer itself."""
    return ("吉林省社会信用体系建设联席会议办公室", "吉林省信用信息中心") if kind in OFFICE_KINDS else CC
