"""A subject's case page and its steps, written once for objections and repair applications.

What differs between the two kinds is a `PortalKind` (the page's URL name and template,
what a step's success says, what the due deadline is called in the template); the case
kind's facts come from `casework.case_kinds`, what the subject may do now from
`workflows.actions.allowed_actions`.
"""

import dataclasses
from types import SimpleNamespace

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from calendars import clock
from calendars.explain import explain
from casework.case_kinds import CASE_MODELS
from casework.models.deadlines import DeadlineKind
from casework.services.extensions import case_extension
from casework.services.followup import case_deadline
from casework.services.materials import materials_last_day, materials_lapsed
from portal import case_actions
from portal.forms import SupplyForm, WithdrawForm
from portal.views import subject_officer_required
from workflows.actions import CaseFacts, allowed_action_names


@dataclasses.dataclass(frozen=True)
class PortalKind:
    model: type
    page: str  # the case page's URL name
    template: str
    not_found: str
    due_name: str  # what the template calls the deadline the subject waits for
    supplied: str  # the message after materials were supplied
    withdrawn: str  # the message after a withdrawal

    @property
    def declared(self):
        return CASE_MODELS[self.model]

    def own_case(self, request, number):
        """The subject's own case `number`, or 404 (another subject's case does not exist for it)."""
        case = self.declared.get_for_user(user=request.user, number=number)
        if case is None:
            raise Http404(self.not_found)
        return case


def _explanation(deadline):
    """How the due date was counted, when it is running (a paused span that ended is skipped)."""
    if deadline is None or deadline.due_date is None:
        return None
    spans = [(s, e) for s, e in deadline.paused_spans if e is not None] if deadline.paused_spans else []
    return explain(deadline.start_date, deadline.working_days, paused=spans)


def case_views(kind: PortalKind) -> SimpleNamespace:
    """The page, supply, withdraw, letter and evidence views of `kind` (portal/urls.py names them)."""

    @subject_officer_required
    def page(request, number):
        case = kind.own_case(request, number)
        detail = kind.declared.detail(case, today=clock.today())
        due = case_deadline(case, kind.declared.due_kind)
        known = {key: detail[key] for key in ("report", "liftings") if key in detail}
        allowed = set(allowed_action_names(case, request.user, facts=CaseFacts(case, **known)))
        materials = case_deadline(case, DeadlineKind.MATERIALS)
        return render(request, kind.template, {
            **detail,
            kind.due_name: due,
            # The supply limit as the subject was told it, and whether it lapsed.
            "materials": materials,
            "materials_last_day": materials_last_day(materials) if materials and materials.due_date else None,
            "materials_lapsed": materials is not None and materials_lapsed(materials),
            "explanation": _explanation(due),
            # The one extension of the limit (延期), with its reason, as the notice told the subject.
            "extension": case_extension(case),
            "can_supply": "supply-materials" in allowed,
            "can_withdraw": "withdraw" in allowed,
            "supply_form": SupplyForm(),
            "withdraw_form": WithdrawForm(),
            "open": case.status in kind.declared.open_statuses,
        })

    @subject_officer_required
    @require_POST
    def supply(request, number):
        return case_actions.supply_materials(request, kind.own_case(request, number), success=kind.supplied,
                                             page=kind.page)

    @subject_officer_required
    @require_POST
    def withdraw(request, number):
        return case_actions.withdraw(request, kind.own_case(request, number), success=kind.withdrawn,
                                     page=kind.page)

    @subject_officer_required
    def letter(request, number, letter_pk):
        return case_actions.letter_download(request, kind.own_case(request, number), letter_pk)

    @subject_officer_required
    def evidence(request, number, evidence_pk):
        return case_actions.evidence_download(kind.own_case(request, number), evidence_pk)

    return SimpleNamespace(page=page, supply=supply, withdraw=withdraw, letter=letter, evidence=evidence)
