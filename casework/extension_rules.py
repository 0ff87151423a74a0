"""Which time limits a complex case may have extended once (延期), read from settings.CASEWORK_EXTENSIONS.

One rule per case kind: the deadline it extends, whether the province allows it, the most
working days, the provision the notice cites, and the words of the notice. docs/rules.md says
why each default is what it is. Rectification limits are not here: the supervisor office sets
them in the order and moves them by returning the rectification with a new limit. Complaints
are not here either: their limits are the office's own defaults, and a transfer sets its own.
"""

import dataclasses

from django.conf import settings

from casework.models import ObjectionCase, RepairCase
from casework.models.deadlines import DeadlineKind


@dataclasses.dataclass(frozen=True)
class ExtensionRule:
    deadline_kind: str
    allowed: bool
    max_working_days: int
    basis: str  # the provision that allows the extension, as the notice cites it
    # What the notice says of the case and of the duty whose limit moves.
    title: str
    case_kind: str
    duty: str
    limit_name: str
    limit_basis: str  # where the original limit comes from


_WORDS = {
    ObjectionCase: {
        "deadline_kind": DeadlineKind.REPLY,
        # The department owes a written reply: the notice is one of 延期答复.
        "title": "延期答复通知书",
        "case_kind": "信用信息异议申请",
        "duty": "作出书面答复",
        "limit_name": "异议答复期限",
        "limit_basis": "《吉林省政务诚信建设实施方案》（吉政办发〔2017〕75号）二（十）关于自接到异议申请之日起"
                       "十五个工作日内作出书面答复的规定",
        "defaults": {"max_working_days": 15, "basis": ""},
    },
    RepairCase: {
        "deadline_kind": DeadlineKind.REPAIR_REVIEW,
        # The department handles (办理) the application and decides: its handling time is extended.
        "title": "延长办理期限通知书",
        "case_kind": "信用修复申请",
        "duty": "作出信用修复决定",
        "limit_name": "信用修复申请的办理期限",
        "limit_basis": "本单位审核信用修复申请的办理期限",
        "defaults": {"max_working_days": 10, "basis": ""},
    },
}


def extension_rule(case_or_model) -> ExtensionRule | None:
    """The extension rule of a case's kind, or None for a kind whose limits are never extended this way."""
    model = case_or_model if isinstance(case_or_model, type) else type(case_or_model)
    words = _WORDS.get(model)
    if words is None:
        return None
    province = getattr(settings, "CASEWORK_EXTENSIONS", {}).get(words["deadline_kind"], {})
    configured = {**words["defaults"], **province}
    return ExtensionRule(
        deadline_kind=words["deadline_kind"],
        allowed=bool(configured.get("allowed", False)),
        max_working_days=int(configured["max_working_days"]),
        basis=(configured.get("basis") or "").strip(),
        title=words["title"], case_kind=words["case_kind"], duty=words["duty"],
        limit_name=words["limit_name"], limit_basis=words["limit_basis"],
    )
