"""The demo's credit records, each with the measures of one or more departments."""

import datetime

from casework.models import CreditRecord, KeyArea, MeasureKind, PlatformLevel, RecordKind, Severity
from casework.services.records import credit_record_create, punishment_measure_impose


def record_make(*, subject, determined_by, on, facts, measures=(), measure=None, key_area=KeyArea.OTHER,
                severity=Severity.GENERAL, level=PlatformLevel.CITY,
                basis="《优化营商环境条例》第三十一条。") -> CreditRecord:
    """A published dishonesty record and its measures a week after it: `measures` as
    [(department, kind, text)], or `measure` (kind, text), the determining department's own."""
    if measure is not None:
        measures = [(determined_by, *measure)]
    record = credit_record_create(
        subject=subject, kind=RecordKind.DISHONESTY, key_area=key_area, determined_by=determined_by,
        platform_level=level, facts=facts, legal_basis=basis, determined_on=on, severity=severity,
        is_published=True,
    )
    for offset, (dept, kind, text) in enumerate(measures):
        punishment_measure_impose(record=record, imposed_by=dept, kind=kind, description=text,
                                  imposed_on=on + datetime.timedelta(days=7 + offset))
    return record


def records_create(depts, subjects) -> None:
    """The records the first objections and rectifications are about (once: none if any record exists)."""
    if CreditRecord.objects.exists():
        return
    d = datetime.date
    specs = [
        (
            subjects["农安县人民政府"], KeyArea.GOVERNMENT_PROCUREMENT, "长春市财政局", Severity.SERIOUS,
            PlatformLevel.CITY, d(2026, 3, 16),
            "在县城供热管网改造项目政府采购中，合同履行完毕后逾期超过一年未向中标企业支付合同价款1,286万元。",
            "《保障中小企业款项支付条例》第八条、第十五条；《政府采购法》第七十一条。",
            [
                ("长春市财政局", MeasureKind.NO_FUNDING, "暂停安排新增财政专项资金支持"),
                ("长春市发展和改革委员会", MeasureKind.NO_NEW_PROJECTS, "限制新增政府投资项目审批"),
                ("长春市人力资源和社会保障局", MeasureKind.NO_HONOURS, "取消年度评先评优资格"),
            ],
        ),
        (
            subjects["农安县人民政府"], KeyArea.PPP, "吉林省财政厅", Severity.GENERAL,
            PlatformLevel.PROVINCE, d(2026, 5, 11),
            "县污水处理PPP项目中未按合同约定履行政府付费义务，累计拖欠可用性服务费两期。",
            "《政府和社会资本合作项目财政管理暂行办法》第二十条。",
            [
                ("吉林省财政厅", MeasureKind.PUBLIC_CRITICISM, "全省财政系统通报批评"),
                ("吉林省人力资源和社会保障厅", MeasureKind.PERFORMANCE_DEDUCTION, "年度绩效考核扣分"),
            ],
        ),
        (
            subjects["长春市南关区住房和城乡建设局"], KeyArea.BIDDING, "长春市发展和改革委员会",
            Severity.GENERAL, PlatformLevel.CITY, d(2026, 4, 20),
            "在老旧小区改造工程招标中设置与项目无关的资格条件，排斥潜在投标人，经查属实。",
            "《招标投标法》第十八条；《招标投标法实施条例》第三十二条。",
            [
                ("长春市发展和改革委员会", MeasureKind.INTERVIEW, "约谈主要负责人"),
                ("长春市财政局", MeasureKind.NO_FUNDING, "限制相关专项资金申报"),
            ],
        ),
        (
            subjects["延吉市人民政府"], KeyArea.INVESTMENT_PROMOTION, "延边朝鲜族自治州财政局",
            Severity.MINOR, PlatformLevel.CITY, d(2026, 2, 2),
            "招商引资中承诺的企业落户奖励资金未按约定期限兑现。",
            "《优化营商环境条例》第三十一条。",
            [("延边朝鲜族自治州财政局", MeasureKind.PUBLIC_CRITICISM, "全州通报")],
        ),
        (
            subjects["吉林市城市管理局"], KeyArea.GOVERNMENT_DEBT, "吉林市财政局", Severity.GENERAL,
            PlatformLevel.CITY, d(2026, 6, 8),
            "未按期偿还工程款形成的政府债务，经法院判决后仍未履行。",
            "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条。",
            [("吉林市财政局", MeasureKind.NO_FUNDING, "暂停新增财政资金安排")],
        ),
    ]
    for subject, area, determined_by, severity, level, on, facts, basis, measures in specs:
        record_make(
            subject=subject, determined_by=depts[determined_by], on=on, facts=facts, basis=basis,
            key_area=area, severity=severity, level=level,
            measures=[(depts[dept], kind, text) for dept, kind, text in measures],
        )
