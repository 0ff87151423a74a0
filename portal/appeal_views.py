"""A subject's appeals against a repair decision in the portal: lodging one from the decided
repair case's page; following, withdrawing and downloading are the views every case kind
shares (`portal.case_pages`)."""

from django.http import Http404
from django.shortcuts import render

from calendars import clock
from casework.case_kinds import CASE_MODELS
from casework.errors import DomainError, form_add_errors
from casework.models import RepairAppeal, RepairCase
from casework.models.deadlines import DeadlineKind
from casework.services.appeals import appeal_window
from portal.appeal_forms import AppealForm
from portal import case_actions
from portal.case_pages import PortalKind, case_views
from portal.views import subject_officer_required
from workflows.appeal_actions import repair_appeal_lodge


@subject_officer_required
def appeal_new(request, number):
    """The appeal form of the subject's own decided repair case `number`."""
    repair = CASE_MODELS[RepairCase].get_for_user(user=request.user, number=number)
    if repair is None:
        raise Http404("没有找到该信用修复申请。")
    window = appeal_window(repair, today=clock.today())
    form = AppealForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = repair_appeal_lodge(repair=repair, grounds=form.cleaned_data["grounds"],
                                       files=form.cleaned_data["files"], acting_user=request.user)
        except DomainError as exc:
            form_add_errors(form, exc)
        else:
            return case_actions.lodged(request, case, what="申诉", due_kind=DeadlineKind.APPEAL_DECISION,
                                       due_name="处理期限", page="portal:appeal")
    return render(request, "portal/appeal_new.html", {"repair": repair, "window": window, "form": form})


appeal_case = case_views(PortalKind(
    RepairAppeal, page="portal:appeal", template="portal/appeal.html", not_found="没有找到该申诉。",
    due_name="decision", supplied="", withdrawn="申诉已撤回。",
))
