"""What each printed login can try now, read from the data: one line per login.

Each path names the record or case it is tried on. A path whose case has moved on since the
demo was seeded (the handler accepted the objection, say) is left out rather than printed wrong.
"""

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

from calendars import clock
from casework.models import (
    AppealStatus,
    MeasureLifting,
    MeasureLiftingStatus,
    ObjectionCase,
    ObjectionStatus,
    RectificationCase,
    RectificationStatus,
    RepairAppeal,
    RepairCase,
    RepairStatus,
    User,
)
from demo.organisations import DEPARTMENT_HANDLERS
from demo.tryouts import record_eligible_for_repair, record_free_for_objection
from supervision.selectors import dashboard_now


@dataclasses.dataclass(frozen=True)
class Path:
    text: str  # with "{}" where the number goes
    # The record or case number it is tried on for this user, None when there is none now.
    find: Callable[[User], str | None] | None = None

    def line(self, user: User) -> str | None:
        if self.find is None:
            return self.text
        found = self.find(user)
        return None if found is None else self.text.format(found)


def _number(queryset) -> str | None:
    found = queryset.order_by("pk").first()
    return found.number if found else None


def _objection(status, department_field):
    return lambda user: _number(
        ObjectionCase.objects.filter(status=status, **{department_field: user.department}))


def _appealable_repair(user):
    """The subject's decided repair case it may appeal today (casework.services.appeals says when)."""
    from casework.services.appeals import appeal_refusal

    today = clock.today()
    decided = RepairCase.objects.filter(subject=user.subject, status=RepairStatus.REJECTED).order_by("pk")
    return next((case.number for case in decided if not appeal_refusal(case, today=today)), None)


def _lifting(user):
    lifting = MeasureLifting.objects.filter(department=user.department, status=MeasureLiftingStatus.PENDING,
                                            case_type__model="objectioncase").order_by("pk").first()
    return ObjectionCase.objects.get(pk=lifting.case_id).number if lifting else None


def _dashboard(user):
    # The supervisors' own figures, not a second count that could disagree with the page.
    total = dashboard_now(scope_path=user.jurisdiction.path, today=clock.today())["total"]
    return f"已逾期 {total['overdue']} 项、即将到期 {total['soon']} 项"


def _oversight_waiting(user):
    """The case of a 督办 waiting for the written answer of `user`'s department."""
    from supervision.models import Oversight, OversightStatus

    found = Oversight.objects.filter(department=user.department, status=OversightStatus.OPEN).order_by("pk").first()
    return found.case_label if found else None


def _oversights_open(user):
    from supervision.oversight_figures import oversight_counts

    counts = oversight_counts(scope_path=user.jurisdiction.path, today=clock.today())
    return f"待书面反馈 {counts['open']} 件" if counts["open"] else None


@dataclasses.dataclass(frozen=True)
class Login:
    username: str
    role_name: str
    entry: str  # the URL name of the page it starts on
    paths: tuple[Path, ...]


LOGIN_PATHS = [
    Login("subject", "主体经办人", "portal:home", (
        Path("对记录 {} 提出异议", lambda u: getattr(record_free_for_objection(u.subject), "number", None)),
        Path("对记录 {} 申请信用修复", lambda u: getattr(record_eligible_for_repair(u.subject), "number", None)),
        Path("对整改 {} 提交书面说明", lambda u: _number(
            RectificationCase.objects.filter(subject=u.subject, status=RectificationStatus.ORDERED))),
        Path("对信用修复决定 {} 提出申诉", _appealable_repair),
    )),
    Login("subject2", "主体经办人", "portal:home", (
        Path("对异议 {} 补正材料", lambda u: _number(
            ObjectionCase.objects.filter(subject=u.subject, status=ObjectionStatus.AWAITING_MATERIALS))),
    )),
    Login("handler", "部门承办人", "work:queue:index", (
        Path("受理异议 {}", _objection(ObjectionStatus.LODGED, "handling_department")),
        Path("对异议 {} 作出核查结论", _objection(ObjectionStatus.UNDER_VERIFICATION, "determining_department")),
        Path("对异议 {} 出具书面答复", _objection(ObjectionStatus.DECIDED, "handling_department")),
        Path("确认解除异议 {} 所涉本部门措施", _lifting),
        Path("审核信用修复申请 {}", lambda u: _number(RepairCase.objects.filter(
            determining_department=u.department, status=RepairStatus.UNDER_REVIEW))),
        Path("在案件 {} 页面书面反馈督办", _oversight_waiting),
    )),
    Login("reviewer", "文书审核人", "work:queue:index", (
        Path("审核承办人提交的决定文书（待审核）"),
    )),
    Login("signer", "文书签发人", "work:queue:index", (
        Path("签发审核通过的决定文书（待签发）"),
    )),
    Login("handler-ccxyb", "整改监督承办人", "work:queue:index", (
        Path("验收整改 {}", lambda u: _number(RectificationCase.objects.filter(
            supervisor_office=u.department, status=RectificationStatus.UNDER_ACCEPTANCE))),
        Path("向农安县人民政府下达整改通知"),
        Path("受理信用修复申诉 {}", lambda u: _number(RepairAppeal.objects.filter(
            handling_office=u.department, status=AppealStatus.RECEIVED))),
    )),
    Login("supervisor", "监督人员", "supervision:dashboard", (
        Path("督办看板（{}）", _dashboard), Path("本辖区各部门的待办与逾期案件"),
        Path("督办清单（{}），在逾期清单中发出督办函", _oversights_open),
    )),
    Login("admin", "系统管理员", "admin:index", (Path("管理用户、部门与工作日历调整"),)),
]


@dataclasses.dataclass(frozen=True)
class LoginLine:
    username: str
    role_name: str
    scope: str
    entry: str
    tries: list[str]

    def text(self) -> str:
        where = f"（{self.scope}）" if self.scope else ""
        return (f"{self.username} — {self.role_name}{where} {self.entry}："
                f"{'；'.join(self.tries) or '（演示案件已办完）'}")


def _scope(user: User) -> str:
    if user.subject_id:
        return user.subject.name
    if user.department_id:
        return user.department.name
    if user.jurisdiction_id:
        return f"{user.jurisdiction.name}及所辖县区"
    return ""


def login_lines() -> list[LoginLine]:
    users = User.objects.select_related("subject", "department", "jurisdiction").in_bulk(
        [login.username for login in LOGIN_PATHS], field_name="username")
    return [
        LoginLine(login.username, login.role_name, _scope(user), reverse(login.entry),
                  [line for path in login.paths if (line := path.line(user)) is not None])
        for login in LOGIN_PATHS if (user := users.get(login.username))
    ]


def logins_text() -> str:
    """The printout: one line per login, then the other handlers."""
    lines = [f"演示数据已就绪。登录账号（密码均为 {settings.DEMO_PASSWORD}）/ demo logins (password {settings.DEMO_PASSWORD}):"]
    lines += [f"  {login.text()}" for login in login_lines()]
    printed = {login.username for login in LOGIN_PATHS}
    others = "、".join(f"{username}（{name}）" for name, username in DEPARTMENT_HANDLERS.items()
                      if username not in printed)
    lines.append(f"  其他部门的承办人（同一密码）：{others}")
    return "\n".join(lines)


def logins_markdown() -> str:
    """The same table for the README."""
    rows = ["| 登录 | 角色 | 入口 | 可以试的 |", "| --- | --- | --- | --- |"]
    rows += [f"| `{login.username}` | {login.role_name}{f'（{login.scope}）' if login.scope else ''} | "
             f"`{login.entry}` | {'；'.join(login.tries)} |" for login in login_lines()]
    return "\n".join(rows)
