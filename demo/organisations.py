"""Jilin's jurisdictions, departments and subjects, and the demo logins: created once, found again."""

import contextlib

from django.conf import settings

from casework.models import Department, Jurisdiction, JurisdictionLevel, Role, Subject, SubjectKind, User
from casework.services.organisation import department_create, department_one_step_kinds_set, jurisdiction_create
from casework.services.subjects import subject_create
from casework.services.users import user_create
from casework.uscc import uscc_check_character
from letters.kinds import KINDS as LETTER_KINDS

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
# Every department its own: the default (the name's first two characters + 信) is the same for
# 长春's office and 长春市人社局, and a letter number may not be given twice.
DOCUMENT_PREFIXES = {
    "吉林省社会信用体系建设联席会议办公室": "吉信联",
    "吉林省人力资源和社会保障厅": "吉人社信",
    "长春市社会信用体系建设联席会议办公室": "长信联",
    "长春市人力资源和社会保障局": "长人社信",
    "长春市财政局": "长财信",
    "长春市发展和改革委员会": "长发改信",
    "吉林省财政厅": "吉财信",
    "吉林市财政局": "吉市财信",
    "吉林市信用信息中心": "吉市信平",
    "长春市信用信息中心": "长信平",
    "延边朝鲜族自治州财政局": "延州财信",
    "吉林省信用信息中心": "吉信平",
}
# (name, kind, jurisdiction code, USCC type: 11 = 机关, 12 = 事业单位, serial)
SUBJECTS = [
    ("农安县人民政府", SubjectKind.GOVERNMENT, "220122", "11", 1),
    ("延吉市人民政府", SubjectKind.GOVERNMENT, "222401", "11", 2),
    ("长春市南关区住房和城乡建设局", SubjectKind.DEPARTMENT, "220102", "11", 3),
    ("吉林市城市管理局", SubjectKind.DEPARTMENT, "220200", "11", 4),
    ("长春市公共资源交易中心", SubjectKind.PUBLIC_INSTITUTION, "220100", "12", 5),
]

# The logins printed first, one per role: (username, full name, role, what it is scoped to).
# Scope values name a subject, a department or a jurisdiction code. What each can try: demo/logins.py.
LOGINS = [
    ("subject", "李经办", Role.SUBJECT_OFFICER, {"subject": "农安县人民政府"}),
    ("subject2", "金经办", Role.SUBJECT_OFFICER, {"subject": "延吉市人民政府"}),
    ("handler", "王承办", Role.HANDLER, {"department": "长春市财政局"}),
    # The same department's 审核 and 签发 (rights below): a clerk walks 拟稿 → 审核 → 签发 with the three.
    ("reviewer", "刘审核", Role.HANDLER, {"department": "长春市财政局"}),
    ("signer", "陈签发", Role.HANDLER, {"department": "长春市财政局"}),
    ("supervisor", "赵监督", Role.SUPERVISOR, {"jurisdiction": "220100"}),
    ("admin", "系统管理员", Role.ADMINISTRATOR, {}),
]
LOGIN_RIGHTS = {"reviewer": {"may_review": True}, "signer": {"may_sign_off": True}}
# The one department that shows the setting the other way: its acceptance letters are issued in one step.
ONE_STEP_DEPARTMENTS = {"长春市社会信用体系建设联席会议办公室": ["rectification_acceptance"]}
# Handlers of the other departments that act on the demo cases.
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


def demo_uscc(type_code: str, division: str, serial: int) -> str:
    """A well-formed code for demo data (type 11 = 机关, 12 = 事业单位)."""
    body = f"{type_code}{division}{serial:09d}"
    return body + uscc_check_character(body)


def jurisdictions_ensure() -> dict[str, Jurisdiction]:
    """Jilin, its cities and some counties, by code."""
    places = {j.code: j for j in Jurisdiction.objects.all()}

    def ensure(code, name, level, parent_code=None):
        if code not in places:
            places[code] = jurisdiction_create(
                code=code, name=name, level=level, parent=places.get(parent_code))

    ensure("220000", "吉林省", JurisdictionLevel.PROVINCE)
    for code, name in CITIES:
        ensure(code, name, JurisdictionLevel.CITY, "220000")
    for code, name, parent in COUNTIES:
        ensure(code, name, JurisdictionLevel.COUNTY, parent)
    return places


# Invented contacts, one per department, printed on its letters (area code 0431 for the demo).
CONTACT_NAMES = ("王明", "李华", "张丽", "刘洋", "陈静", "杨帆", "赵磊", "孙悦", "周涛", "吴敏", "郑凯", "冯雪")


def department_contact(i: int) -> dict:
    return {"contact_person": CONTACT_NAMES[i % len(CONTACT_NAMES)], "contact_phone": f"0431-{88000000 + i * 1011}"}


def departments_ensure(places) -> dict[str, Department]:
    depts = {}
    for i, (name, code, determining, platform, supervisor) in enumerate(DEPARTMENTS, start=1):
        dept = Department.objects.filter(name=name, jurisdiction=places[code]).first()
        if dept is None:
            dept = department_create(
                name=name, jurisdiction=places[code], uscc=demo_uscc("11", code, 100 + i),
                is_determining=determining, is_platform_operator=platform, is_supervisor_office=supervisor,
                document_prefix=DOCUMENT_PREFIXES.get(name, ""), **department_contact(i),
                one_step_letter_kinds=ONE_STEP_DEPARTMENTS.get(name, ()),
            )
        depts[name] = dept
    return depts


def subjects_ensure(places) -> dict[str, Subject]:
    subjects = {}
    for name, kind, code, type_code, serial in SUBJECTS:
        uscc = demo_uscc(type_code, code, serial)
        subjects[name] = Subject.objects.filter(uscc=uscc).first() or subject_create(
            kind=kind, name=name, jurisdiction=places[code], uscc=uscc
        )
    employer = subjects["长春市南关区住房和城乡建设局"]
    subjects["张某某"] = Subject.objects.filter(name="张某某", employer=employer).first() or subject_create(
        kind=SubjectKind.CIVIL_SERVANT, name="张某某", jurisdiction=places["220102"], employer=employer
    )
    return subjects


def users_ensure(places, depts, subjects) -> None:
    """The printed logins and the other departments' handlers, all with the demo password."""
    password = settings.DEMO_PASSWORD
    scopes = {"subject": subjects, "department": depts, "jurisdiction": places}
    wanted = [(username, full_name, role, {key: scopes[key][value] for key, value in scope.items()})
              for username, full_name, role, scope in LOGINS]
    wanted += [(username, f"{name}承办人", Role.HANDLER, {"department": depts[name]})
               for name, username in DEPARTMENT_HANDLERS.items()]
    for username, full_name, role, scope in wanted:
        user = User.objects.filter(username=username).first()
        if user is None:
            user_create(username=username, password=password, role=role, full_name=full_name, **scope,
                        **LOGIN_RIGHTS.get(username, {}))
        elif not user.check_password(password):
            # DEMO_PASSWORD changed since the last run: the printed login must work.
            user.set_password(password)
            user.save(update_fields=["password"])


def officer_of(subject: Subject) -> User | None:
    """The subject's first officer: the printed login where there is one."""
    return User.objects.filter(role=Role.SUBJECT_OFFICER, subject=subject).order_by("pk").first()


def officer_for(subject: Subject) -> User:
    """The subject's officer, made (`subject-<pk>`) for a subject the printed logins do not cover."""
    return officer_of(subject) or user_create(
        username=f"subject-{subject.pk}", password=settings.DEMO_PASSWORD, role=Role.SUBJECT_OFFICER,
        full_name=f"{subject.name}经办人", subject=subject,
    )


def handlers() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(role=Role.HANDLER)}


@contextlib.contextmanager
def story_in_one_step(depts):
    """The demo story's past decisions predate 审核 and 签发: seeded in one step, every department's
    own setting back afterwards (none in one step but ONE_STEP_DEPARTMENTS), so what a login does
    today meets the sign-off."""
    kept = {dept: list(dept.one_step_letter_kinds) for dept in Department.objects.all()}
    for dept in kept:
        department_one_step_kinds_set(department=dept, kinds=LETTER_KINDS)
    try:
        yield
    finally:
        for dept, kinds in kept.items():
            department_one_step_kinds_set(department=dept, kinds=kinds)
        for dept in depts.values():
            dept.refresh_from_db(fields=["one_step_letter_kinds"])
