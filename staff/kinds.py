"""The case kinds the staff work on, described once each.

The queue, the case and task pages and the flow sync read this table, so a
case kind is added here rather than by copying a view.
"""

import dataclasses
from collections.abc import Callable
from functools import cache

from django.db.models import Model


@dataclasses.dataclass(frozen=True)
class CaseKindUI:
    code: str
    label: str
    model: type[Model]
    flow: type
    url_segment: str  # /staff/work/<url_segment>/<number>/
    url_name: str  # the case page's URL name
    due_kind: str  # the deadline a queue row shows
    received_field: str  # the date the case came in
    forms: dict
    labels: dict
    act: Callable
    allowed_actions: Callable
    detail: Callable
    get_for_user: Callable
    detail_template: str
    visible_to: Callable  # casework.permissions' scoping of the kind
    open_statuses: tuple


@cache
def _kinds() -> dict[str, CaseKindUI]:
    from casework.models import (
        OPEN_OBJECTION_STATUSES,
        OPEN_RECTIFICATION_STATUSES,
        OPEN_REPAIR_STATUSES,
        ObjectionCase,
        RectificationCase,
        RepairCase,
    )
    from casework.models.deadlines import DeadlineKind
    from casework.permissions import objections_visible_to, rectifications_visible_to, repairs_visible_to
    from casework.selectors import (
        objection_detail,
        objection_get_for_user,
        rectification_detail,
        rectification_get_for_user,
        repair_detail,
        repair_get_for_user,
    )
    from staff import objection_views, rectification_views, repair_views
    from workflows import objection_actions, rectification_actions, repair_actions
    from workflows.flows import ObjectionFlow, RectificationFlow, RepairFlow

    kinds = [
        CaseKindUI(
            code="objection", label="异议", model=ObjectionCase, flow=ObjectionFlow, url_segment="objections",
            url_name="work:objections:case", due_kind=DeadlineKind.REPLY, received_field="received_on",
            forms=objection_views.ACTION_FORMS, labels=objection_views.ACTION_LABELS,
            act=objection_actions.objection_act, allowed_actions=objection_actions.objection_allowed_actions,
            detail=objection_detail, get_for_user=objection_get_for_user,
            detail_template="staff/_objection_detail.html",
            visible_to=objections_visible_to, open_statuses=OPEN_OBJECTION_STATUSES,
        ),
        CaseKindUI(
            code="repair", label="信用修复", model=RepairCase, flow=RepairFlow, url_segment="repairs",
            url_name="work:repairs:case", due_kind=DeadlineKind.REPAIR_REVIEW, received_field="received_on",
            forms=repair_views.ACTION_FORMS, labels=repair_views.ACTION_LABELS,
            act=repair_actions.repair_act, allowed_actions=repair_actions.repair_allowed_actions,
            detail=repair_detail, get_for_user=repair_get_for_user,
            detail_template="staff/_repair_detail.html",
            visible_to=repairs_visible_to, open_statuses=OPEN_REPAIR_STATUSES,
        ),
        CaseKindUI(
            code="rectification", label="整改", model=RectificationCase, flow=RectificationFlow,
            url_segment="rectifications", url_name="work:rectifications:case", due_kind=DeadlineKind.RECTIFICATION,
            received_field="ordered_on", forms=rectification_views.ACTION_FORMS,
            labels=rectification_views.ACTION_LABELS, act=rectification_actions.rectification_act,
            allowed_actions=rectification_actions.rectification_allowed_actions,
            detail=rectification_detail, get_for_user=rectification_get_for_user,
            detail_template="staff/_rectification_detail.html",
            visible_to=rectifications_visible_to, open_statuses=OPEN_RECTIFICATION_STATUSES,
        ),
    ]
    return {kind.code: kind for kind in kinds}


class _Kinds:
    def __getitem__(self, code):
        return _kinds()[code]

    def values(self):
        return _kinds().values()


KINDS = _Kinds()


def kind_of(case) -> CaseKindUI:
    for kind in _kinds().values():
        if isinstance(case, kind.model):
            return kind
    raise LookupError(type(case))
