"""The case kinds as the staff site shows them.

What a kind is comes from casework's one declaration (`casework.case_kinds`: model,
label, open statuses, the deadline a queue row shows, the received date, scoping and
readers), its flow from the flow that names its model (`workflows.flows`), its actions
from `workflows.actions`. Only what is the staff site's own is here: the address of a
kind's case pages and the template of its detail.
"""

import dataclasses
from functools import cache

from casework.case_kinds import CASE_MODELS, CaseModel


@dataclasses.dataclass(frozen=True)
class CaseKindUI:
    case_model: CaseModel
    url_segment: str  # /staff/work/<url_segment>/<number>/
    url_name: str  # the case page's URL name
    detail_template: str

    def __getattr__(self, name):  # code, label, model, due_kind, received_field, visible_to, …
        return getattr(self.case_model, name)

    @property
    def code(self) -> str:
        return str(self.case_model.code)

    @property
    def flow(self) -> type:
        from workflows.flows import flow_for_model

        return flow_for_model(self.case_model.model)


@cache
def _kinds() -> dict[str, CaseKindUI]:
    from casework.models import ComplaintCase, ObjectionCase, RectificationCase, RepairAppeal, RepairCase

    kinds = [
        CaseKindUI(CASE_MODELS[ObjectionCase], "objections", "work:objections:case", "staff/_objection_detail.html"),
        CaseKindUI(CASE_MODELS[RepairCase], "repairs", "work:repairs:case", "staff/_repair_detail.html"),
        CaseKindUI(CASE_MODELS[RectificationCase], "rectifications", "work:rectifications:case",
                   "staff/_rectification_detail.html"),
        CaseKindUI(CASE_MODELS[ComplaintCase], "complaints", "work:complaints:case", "staff/_complaint_detail.html"),
        CaseKindUI(CASE_MODELS[RepairAppeal], "appeals", "work:appeals:case", "staff/_appeal_detail.html"),
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
