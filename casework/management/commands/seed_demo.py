"""Create the demo data: Jilin's jurisdictions, departments, subjects,
records with measures from several departments, and one user per role.

Idempotent: running it again creates nothing twice and prints the logins.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from casework.models import (
    CreditRecord,
    Department,
    Jurisdiction,
    JurisdictionLevel,
    KeyArea,
    MeasureKind,
    PlatformLevel,
    RecordKind,
    Role,
    Severity,
    Subject,
    SubjectKind,
    User,
)
from casework.services.organisation import department_create, jurisdiction_create
from casework.services.records import credit_record_create, punishment_measure_impose
from casework.services.subjects import subject_create
from casework.services.users import user_create
from casework.evidence import blank_pdf
from casework.uscc import uscc_check_character


BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")

CITIES = [
    ("220100", "长春市"), ("220200", "吉林市"), ("220300", "四平市"), ("220400", "辽源市"),
    ("220500", "通化市"), ("220600", "白山市"), ("220700", "松原市"), ("220800", "白城市"),
    ("222400", "延边朝鲜族自治州"),
]
COUNTIES = [
    ("220102", "南关区", "220100"), ("220104", "朝阳区", "220100"), ("220122", "农安县", "220100"),
    ("220182", "榆树市", "220100"), ("220281", "蛟河市", "220200"), ("220282", "桦甸市", "220200"),
    ("220322", "梨树县", "220300"), ("222401", "延吉市", "222400"), ("222404", "珲春市", "222400"),
]
# (name, jurisdiction code, determining, platform operator, supervisor office)
DEPARTMENTS = [
    ("吉林省社会信用体系建设联席会议办公室", "220000", False, False, True),
    ("吉林省信用信息中心", "220000", False, True, False),
    ("吉林省财政厅", "220000", True, False, False),
    ("吉林省人力资源和社会保障厅", "220000", True, False, False),
    ("长春市社会信用体系建设联席会议办公室", "220100", False, False, True),
    ("长春市信用信息中心", "220100", False, True, False),
    ("长春市财政局", "220100", True, False, False),
    ("长春市发展和改革委员会", "220100", True, False, False),
    ("长春市人力资源和社会保障局", "220100", True, False, False),
    ("吉林市财政局", "220200", True, False, False),
    ("吉林市信用信息中心", "220200", False, True, False),
    ("延边朝鲜族自治州财政局", "222400", True, False, False),
]


# Handlers of the other departments that act on the demo objections.
DEPARTMENT_HANDLERS = {
    "长春市发展和改革委员会": "handler-ccfgw",
    "吉林省财政厅": "handler-jlczt",
    "吉林省人力资源和社会保障厅": "handler-jlrst",
    "长春市人力资源和社会保障局": "handler-ccrsj",
    "吉林市财政局": "handler-jlsczj",
    "吉林市信用信息中心": "handler-jlsxy",
    "延边朝鲜族自治州财政局": "handler-ybczj",
    "长春市信用信息中心": "handler-ccxy",
    "长春市社会信用体系建设联席会议办公室": "handler-ccxyb",
    "吉林省社会信用体系建设联席会议办公室": "handler-jlxyb",
}
DOCUMENT_PREFIXES = {
    "长春市财政局": "长财信",
    "长春市发展和改革委员会": "长发改信",
    "吉林省财政厅": "吉财信",
    "吉林市财政局": "吉市财信",
    "吉林市信用信息中心": "吉市信平",
    "长春市信用信息中心": "长信平",
    "延边朝鲜族自治州财政局": "延州财信",
    "吉林省信用信息中心": "吉信平",
}


def demo_uscc(type_code: str, division: str, serial: int) -> str:
    """A well-formed code for demo data (type 11 = 机关, 12 = 事业单位)."""
    body = f"{type_code}{division}{serial:09d}"
    return body + uscc_check_character(body)


class Command(BaseCommand):
    help = "创建演示数据（可重复执行）并打印各角色的登录账号。"

    @transaction.atomic
    def handle(self, *args, **options):
        places = self._jurisdictions()
        depts = self._departments(places)
        subjects = self._subjects(places)
        self._records(depts, subjects)
        self._users(places, depts, subjects)
        self._department_handlers(depts)
        self._objections(depts)
        self._repairs(depts, subjects)
        self._rectifications(depts, subjects)
        password = settings.DEMO_PASSWORD
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。登录账号 / demo logins:"))
        for username, role_label in [
            ("subject", "主体经办人（农安县人民政府）"),
            ("handler", "部门承办人（长春市财政局）"),
            ("supervisor", "监督人员（长春市及所辖县区）"),
            ("admin", "系统管理员"),
        ]:
            self.stdout.write(f"  {role_label:<24} 用户名 {username:<11} 密码 {password}")
        self.stdout.write("  其他部门的承办人（同一密码）：" + "、".join(
            f"{username}（{name}）" for name, username in DEPARTMENT_HANDLERS.items()
        ))

    def _jurisdictions(self):
        places = {j.code: j for j in Jurisdiction.objects.all()}

        def ensure(code, name, level, parent_code=None):
            if code not in places:
                places[code] = jurisdiction_create(
                    code=code, name=name, level=level, parent=places.get(parent_code)
                )

        ensure("220000", "吉林省", JurisdictionLevel.PROVINCE)
        for code, name in CITIES:
            ensure(code, name, JurisdictionLevel.CITY, "220000")
        for code, name, parent in COUNTIES:
            ensure(code, name, JurisdictionLevel.COUNTY, parent)
        return places

    def _departments(self, places):
        depts = {}
        for i, (name, code, determining, platform, supervisor) in enumerate(DEPARTMENTS, start=1):
            dept = Department.objects.filter(name=name, jurisdiction=places[code]).first()
            if dept is None:
                dept = department_create(
                    name=name, jurisdiction=places[code], uscc=demo_uscc("11", code, 100 + i),
                    is_determining=determining, is_platform_operator=platform, is_supervisor_office=supervisor,
                    document_prefix=DOCUMENT_PREFIXES.get(name, ""),
                )
            depts[name] = dept
        return depts

    def _subjects(self, places):
        wanted = [
            ("农安县人民政府", SubjectKind.GOVERNMENT, "220122", "11", 1),
            ("延吉市人民政府", SubjectKind.GOVERNMENT, "222401", "11", 2),
            ("长春市南关区住房和城乡建设局", SubjectKind.DEPARTMENT, "220102", "11", 3),
            ("吉林市城市管理局", SubjectKind.DEPARTMENT, "220200", "11", 4),
            ("长春市公共资源交易中心", SubjectKind.PUBLIC_INSTITUTION, "220100", "12", 5),
        ]
        subjects = {}
        for name, kind, code, type_code, serial in wanted:
            uscc = demo_uscc(type_code, code, serial)
            subjects[name] = Subject.objects.filter(uscc=uscc).first() or subject_create(
                kind=kind, name=name, jurisdiction=places[code], uscc=uscc
            )
        employer = subjects["长春市南关区住房和城乡建设局"]
        subjects["张某某"] = Subject.objects.filter(name="张某某", employer=employer).first() or subject_create(
            kind=SubjectKind.CIVIL_SERVANT, name="张某某", jurisdiction=places["220102"], employer=employer
        )
        return subjects

    def _records(self, depts, subjects):
        if CreditRecord.objects.exists():
            return
        d = datetime.date
        specs = [
            (
                subjects["农安县人民政府"], KeyArea.GOVERNMENT_PROCUREMENT, depts["长春市财政局"], Severity.SERIOUS,
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
                subjects["农安县人民政府"], KeyArea.PPP, depts["吉林省财政厅"], Severity.GENERAL,
                PlatformLevel.PROVINCE, d(2026, 5, 11),
                "县污水处理PPP项目中未按合同约定履行政府付费义务，累计拖欠可用性服务费两期。",
                "《政府和社会资本合作项目财政管理暂行办法》第二十条。",
                [
                    ("吉林省财政厅", MeasureKind.PUBLIC_CRITICISM, "全省财政系统通报批评"),
                    ("吉林省人力资源和社会保障厅", MeasureKind.PERFORMANCE_DEDUCTION, "年度绩效考核扣分"),
                ],
            ),
            (
                subjects["长春市南关区住房和城乡建设局"], KeyArea.BIDDING, depts["长春市发展和改革委员会"],
                Severity.GENERAL, PlatformLevel.CITY, d(2026, 4, 20),
                "在老旧小区改造工程招标中设置与项目无关的资格条件，排斥潜在投标人，经查属实。",
                "《招标投标法》第十八条；《招标投标法实施条例》第三十二条。",
                [
                    ("长春市发展和改革委员会", MeasureKind.INTERVIEW, "约谈主要负责人"),
                    ("长春市财政局", MeasureKind.NO_FUNDING, "限制相关专项资金申报"),
                ],
            ),
            (
                subjects["延吉市人民政府"], KeyArea.INVESTMENT_PROMOTION, depts["延边朝鲜族自治州财政局"],
                Severity.MINOR, PlatformLevel.CITY, d(2026, 2, 2),
                "招商引资中承诺的企业落户奖励资金未按约定期限兑现。",
                "《优化营商环境条例》第三十一条。",
                [("延边朝鲜族自治州财政局", MeasureKind.PUBLIC_CRITICISM, "全州通报")],
            ),
            (
                subjects["吉林市城市管理局"], KeyArea.GOVERNMENT_DEBT, depts["吉林市财政局"], Severity.GENERAL,
                PlatformLevel.CITY, d(2026, 6, 8),
                "未按期偿还工程款形成的政府债务，经法院判决后仍未履行。",
                "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条。",
                [("吉林市财政局", MeasureKind.NO_FUNDING, "暂停新增财政资金安排")],
            ),
        ]
        for subject, area, determined_by, severity, level, on, facts, basis, measures in specs:
            record = credit_record_create(
                subject=subject, kind=RecordKind.DISHONESTY, key_area=area, determined_by=determined_by,
                platform_level=level, facts=facts, legal_basis=basis, determined_on=on, severity=severity,
                is_published=True,
            )
            for offset, (dept_name, kind, text) in enumerate(measures):
                punishment_measure_impose(
                    record=record, imposed_by=depts[dept_name], kind=kind, description=text,
                    imposed_on=on + datetime.timedelta(days=7 + offset),
                )

    def _users(self, places, depts, subjects):
        password = settings.DEMO_PASSWORD
        wanted = [
            ("subject", "李经办", Role.SUBJECT_OFFICER, {"subject": subjects["农安县人民政府"]}),
            ("handler", "王承办", Role.HANDLER, {"department": depts["长春市财政局"]}),
            ("supervisor", "赵监督", Role.SUPERVISOR, {"jurisdiction": places["220100"]}),
            ("admin", "系统管理员", Role.ADMINISTRATOR, {}),
        ]
        for username, full_name, role, scope in wanted:
            user = User.objects.filter(username=username).first()
            if user is None:
                user_create(username=username, password=password, role=role, full_name=full_name, **scope)
            elif not user.check_password(password):
                # DEMO_PASSWORD changed since the last run: the printed login must work.
                user.set_password(password)
                user.save(update_fields=["password"])

    def _department_handlers(self, depts):
        for name, username in DEPARTMENT_HANDLERS.items():
            if not User.objects.filter(username=username).exists():
                user_create(username=username, password=settings.DEMO_PASSWORD, role=Role.HANDLER,
                            full_name=f"{name}承办人", department=depts[name])

    def _objections(self, depts):
        """Open objections in several states and departments, some overdue, for the queues."""
        from casework.models import ObjectionCase
        from workflows.objection_actions import objection_act, objection_lodge

        if ObjectionCase.objects.exists():
            return
        users = {u.username: u for u in User.objects.all()}
        subject_officer = users["subject"]

        def officer_for(record):
            if record.subject_id == subject_officer.subject_id:
                return subject_officer
            username = f"subject-{record.subject_id}"
            user = users.get(username) or user_create(
                username=username, password=settings.DEMO_PASSWORD, role=Role.SUBJECT_OFFICER,
                full_name=f"{record.subject.name}经办人", subject=record.subject,
            )
            users[username] = user
            return user

        def lodge(record, received, channel="department", grounds=None):
            return objection_lodge(
                record=record, channel=channel, acting_user=officer_for(record),
                grounds=grounds or "记录所述事项与事实不符：相关款项已按合同约定支付，附银行付款凭证，请予核查更正。",
                received_at=datetime.datetime.combine(received, datetime.time(10, 0), tzinfo=BEIJING),
            )

        def act(case, action, username, **payload):
            case.refresh_from_db()
            objection_act(case=case, action=action, acting_user=users[username], payload=payload)
            case.refresh_from_db()
            return case

        records = {r.subject.name + r.key_area: r for r in CreditRecord.objects.select_related("subject")}
        d = datetime.date
        # 1. Lodged with 长春市财政局 on 2 Nov and never accepted: overdue in its queue.
        lodge(records["农安县人民政府procurement"], d(2026, 11, 2))
        # 2. PPP record: accepted by 吉林省财政厅, under verification.
        case = lodge(records["农安县人民政府ppp"], d(2026, 11, 19))
        act(case, "accept", "handler-jlczt")
        # 3. 延吉: materials requested by 延边州财政局, waiting for the subject.
        case = lodge(records["延吉市人民政府investment"], d(2026, 11, 12))
        act(case, "accept", "handler-ybczj")
        act(case, "request-materials", "handler-ybczj", materials="奖励资金拨付的银行回单\n与企业签订的补充协议")
        # 4. Upheld and revoked: 长春市发改委 and 长春市财政局 must each lift their measure.
        case = lodge(records["长春市南关区住房和城乡建设局bidding"], d(2026, 11, 3))
        act(case, "accept", "handler-ccfgw")
        act(case, "decide", "handler-ccfgw", outcome="upheld", revoke=True,
            reasons="经复核招标文件，所设资格条件属行业强制性要求，不构成排斥潜在投标人。")
        act(case, "reply", "handler-ccfgw")
        # 5. Lodged with 吉林市信用信息中心 (the platform): verified by 吉林市财政局, not upheld, replied.
        case = lodge(records["吉林市城市管理局debt"], d(2026, 11, 16), channel="platform")
        act(case, "accept", "handler-jlsxy")
        act(case, "decide", "handler-jlsczj", outcome="not_upheld",
            reasons="经核查，法院判决确定的债务至今未履行，记录属实。")
        act(case, "reply", "handler-jlsxy")

    def _officer_for(self, subject):
        officer = User.objects.filter(role=Role.SUBJECT_OFFICER, subject=subject).order_by("pk").first()
        return officer or user_create(
            username=f"subject-{subject.pk}", password=settings.DEMO_PASSWORD, role=Role.SUBJECT_OFFICER,
            full_name=f"{subject.name}经办人", subject=subject,
        )

    def _repairs(self, depts, subjects):
        """Credit repair applications under review, awaiting materials and approved (following up)."""
        from casework.models import RepairCase
        from workflows.repair_actions import repair_act, repair_apply

        if RepairCase.objects.exists():
            return
        users = {u.username: u for u in User.objects.filter(role=Role.HANDLER)}
        d = datetime.date

        def record(subject, determined_by, severity, on, facts, measures):
            made = credit_record_create(
                subject=subject, kind=RecordKind.DISHONESTY, key_area=KeyArea.OTHER, determined_by=determined_by,
                platform_level=PlatformLevel.CITY, facts=facts, legal_basis="《优化营商环境条例》第三十一条。",
                determined_on=on, severity=severity, is_published=True,
            )
            for offset, (dept, kind, text) in enumerate(measures):
                punishment_measure_impose(record=made, imposed_by=dept, kind=kind, description=text,
                                          imposed_on=on + datetime.timedelta(days=7 + offset))
            return made

        def apply(made, received, text):
            from django.core.files.uploadedfile import SimpleUploadedFile

            return repair_apply(
                record=made, losses_recovered=text, commitment_signed=True,
                commitment_file=SimpleUploadedFile("信用承诺书.pdf", blank_pdf(), "application/pdf"),
                acting_user=self._officer_for(made.subject),
                received_at=datetime.datetime.combine(received, datetime.time(10, 0), tzinfo=BEIJING),
            )

        # 1. Under review at 长春市发改委 (measures of 发改委 and 长春市财政局).
        centre = record(
            subjects["长春市公共资源交易中心"], depts["长春市发展和改革委员会"], Severity.GENERAL, d(2026, 4, 1),
            "交易系统故障处置不及时，导致三个标段开标延期且未及时告知投标人。",
            [(depts["长春市发展和改革委员会"], MeasureKind.INTERVIEW, "约谈主要负责人"),
             (depts["长春市财政局"], MeasureKind.NO_FUNDING, "暂缓安排信息化专项资金")],
        )
        apply(centre, d(2026, 11, 16), "已完成系统双机热备改造，并向受影响投标人逐一书面致歉、补偿投标费用。")
        # 2. A civil servant's minor record: 长春市人社局 asked for materials.
        clerk = record(
            subjects["张某某"], depts["长春市人力资源和社会保障局"], Severity.MINOR, d(2026, 9, 1),
            "在项目审批中超期办理且未说明理由。",
            [(depts["长春市人力资源和社会保障局"], MeasureKind.NO_HONOURS, "取消本年度评先评优资格")],
        )
        case = apply(clerk, d(2026, 11, 19), "已在规定时限内办结积压审批事项，并主动向申请人说明情况。")
        repair_act(case=case, action="request-materials", acting_user=users["handler-ccrsj"],
                   payload={"materials": "积压事项办结清单\n申请人书面确认"})
        # 3. Approved by 吉林市财政局: record repaired, the measure to waive and the report wait.
        debt = record(
            subjects["吉林市城市管理局"], depts["吉林市财政局"], Severity.GENERAL, d(2026, 5, 6),
            "拖欠环卫设备采购尾款超过合同约定期限六个月。",
            [(depts["吉林市财政局"], MeasureKind.NO_FUNDING, "暂停新增设备采购资金")],
        )
        case = apply(debt, d(2026, 11, 2), "尾款及逾期利息已全部支付，供应商出具书面确认。")
        measure = debt.measures.get()
        repair_act(case=case, action="decide", acting_user=users["handler-jlsczj"], payload={
            "approved": True, "reasons": "已主动挽回损失、消除不良影响，符合信用修复条件。",
            "decisions": [{"measure": measure.pk, "decision": "waive", "reasons": "损失已全部挽回"}],
        })

    def _rectifications(self, depts, subjects):
        """Rectification orders: 长春's office has one overdue without the written explanation and
        one rectifying; the provincial office one awaiting acceptance and one returned once, then accepted.

        Dates are relative to today, so the overdue one is overdue whenever the demo is seeded.
        """
        from django.core.files.uploadedfile import SimpleUploadedFile

        from casework import clock
        from casework.models import RectificationCase
        from workflows.rectification_actions import rectification_act, rectification_order

        if RectificationCase.objects.exists():
            return
        users = {u.username: u for u in User.objects.filter(role=Role.HANDLER)}
        city_office, province_office = users["handler-ccxyb"], users["handler-jlxyb"]
        nongan, yanji = subjects["农安县人民政府"], subjects["延吉市人民政府"]
        records = {r.subject.name + r.key_area: r for r in CreditRecord.objects.select_related("subject")}
        now = clock.now()

        def order(office, subject, record, days_ago, requirements, **limit):
            return rectification_order(
                subject=subject, records=[record], requirements=requirements, acting_user=office,
                basis="《吉林省人民政府办公厅关于加强政务诚信建设的实施方案》（吉政办发〔2017〕75号）二（九）。",
                ordered_at=now - datetime.timedelta(days=days_ago), **limit,
            )

        def act(case, action, user, **payload):
            case.refresh_from_db()
            rectification_act(case=case, action=action, acting_user=user, payload=payload)

        def evidence(name):
            return [SimpleUploadedFile(name, blank_pdf(), "application/pdf")]

        # 1. 长春 orders 农安县 over the procurement arrears: no written explanation yet, overdue.
        order(city_office, nongan, records["农安县人民政府procurement"], 35,
              "书面说明逾期支付合同价款的原因\n支付拖欠的合同价款及逾期利息\n建立政府采购合同款项支付台账",
              limit_working_days=15)
        # 2. 长春 orders 农安县 over the PPP payments: explained, planned, one progress report.
        case = order(city_office, nongan, records["农安县人民政府ppp"], 10,
                     "足额支付拖欠的可用性服务费\n将政府付费义务纳入中期财政规划", limit_working_days=20)
        officer = self._officer_for(nongan)
        act(case, "submit-explanation", officer,
            text="因县级财力紧张、未将PPP项目付费纳入年度预算，导致两期可用性服务费逾期未付。")
        act(case, "submit-plan", officer, text="一、本月内支付第一期费用；二、下月内支付第二期；三、修订中期财政规划。")
        act(case, "submit-progress", officer, text="第一期可用性服务费已于本月支付，附银行回单。",
            files=evidence("第一期付款回单.pdf"))
        # 3. The provincial office orders 延吉 over the investment award: completed, awaiting acceptance.
        case = order(province_office, yanji, records["延吉市人民政府investment"], 21,
                     "兑现招商引资承诺的落户奖励资金\n清理其他未兑现的招商承诺",
                     limit_date=(now + datetime.timedelta(days=30)).astimezone(BEIJING).date())
        officer = self._officer_for(yanji)
        act(case, "submit-explanation", officer, text="奖励资金审批流程过长，财政与商务部门衔接不畅，导致未按期兑现。")
        act(case, "submit-plan", officer, text="一次性拨付奖励资金，并对全部招商承诺逐项清理、建立台账。")
        act(case, "submit-completion", officer, text="奖励资金已全额拨付，其他承诺清理完毕，附拨付凭证和清理台账。",
            files=evidence("奖励资金拨付凭证.pdf"))
        # 4. The provincial office orders 延吉 over the heating arrears: returned once, accountability
        # recorded, accepted.
        heating = credit_record_create(
            subject=yanji, kind=RecordKind.DISHONESTY, key_area=KeyArea.OTHER,
            determined_by=depts["延边朝鲜族自治州财政局"], platform_level=PlatformLevel.CITY,
            facts="拖欠市区集中供热企业运营补贴超过合同约定期限三个月。", legal_basis="《保障中小企业款项支付条例》第八条。",
            determined_on=datetime.date(2026, 1, 12), severity=Severity.GENERAL, is_published=True,
        )
        punishment_measure_impose(record=heating, imposed_by=depts["延边朝鲜族自治州财政局"],
                                  kind=MeasureKind.NO_FUNDING, description="暂缓安排供热专项资金",
                                  imposed_on=datetime.date(2026, 1, 19))
        case = order(province_office, yanji, heating, 14, "支付拖欠的运营补贴\n建立补贴按期拨付机制",
                     limit_working_days=20)
        act(case, "submit-explanation", officer, text="补贴资金拨付环节未设时限，财政局内部审核积压所致。")
        act(case, "submit-plan", officer, text="十日内付清补贴，并制定补贴拨付时限规定。")
        act(case, "submit-completion", officer, text="拖欠的运营补贴已全部付清。", files=evidence("补贴付款凭证.pdf"))
        act(case, "return", province_office, reasons="未提交补贴按期拨付机制的制度文件，请补充后重新报送。")
        act(case, "submit-completion", officer, text="补贴已付清，《供热补贴拨付管理办法》已印发，附文件。",
            files=evidence("供热补贴拨付管理办法.pdf"))
        act(case, "record-accountability", province_office, person="刘某", position="延吉市财政局副局长",
            action_taken="诫勉谈话，责令作出书面检查")
        act(case, "accept", province_office, opinion="拖欠补贴已付清，拨付机制已建立，整改到位，验收通过。")
