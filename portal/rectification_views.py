"""A government's rectification orders in the portal: read the order and its time limit,
submit the written explanation (first), the plan, progress and completion reports, download letters."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calendars import clock
from calendars.explain import explain
from casework.errors import DomainError
from casework.models import RectificationStatus, SubmissionKind
from casework.models.deadlines import DeadlineKind
from casework.selectors import rectification_detail, rectification_get_for_user, rectification_list_for_user
from casework.services.followup import case_deadline
from portal import case_actions
from portal.forms import RectificationSubmitForm
from portal.views import subject_officer_required
from workflows.actions import SUBMIT_ACTIONS, act, allowed_action_names

# What each material is for, as the government reads it above the form.
SUBMIT_HELP = {
    SubmissionKind.EXPLANATION: "对失信行为及其原因作出书面说明。须先提交书面说明，才能报送其他整改材料。",
    SubmissionKind.PLAN: "整改措施、责任分工和完成时限。",
    SubmissionKind.PROGRESS: "整改推进情况，可多次报送。",
    SubmissionKind.COMPLETION: "整改完成情况及证明材料；提交后由联席会议办公室验收。",
}


def _own_case(request, number):
    case = rectification_get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该整改通知。")
    return case


def _with_limits(cases):
    for case in cases:
        case.limit = case_deadline(case, DeadlineKind.RECTIFICATION)
    return cases


@subject_officer_required
def rectification_list(request):
    cases = _with_limits(list(rectification_list_for_user(request.user)))
    return render(request, "portal/rectification_list.html", {"cases": cases})


@subject_officer_required
def rectification_page(request, number):
    case = _own_case(request, number)
    detail = rectification_detail(case, today=clock.today())
    limit = case_deadline(case, DeadlineKind.RECTIFICATION)
    explanation = explain(limit.start_date, limit.working_days) if limit and limit.due_date else None
    allowed = set(allowed_action_names(case, request.user))
    forms = [
        {"kind": kind.value, "label": kind.label, "help": SUBMIT_HELP[kind],
         "form": RectificationSubmitForm(kind_label=kind.label, prefix=kind.value)}
        for kind, action in SUBMIT_ACTIONS.items() if action in allowed
    ]
    return render(request, "portal/rectification.html", {
        **detail, "limit": limit, "explanation": explanation, "submit_forms": forms,
        "open": case.status != RectificationStatus.ACCEPTED,
    })


@subject_officer_required
@require_POST
def rectification_submit(request, number, kind):
    case = _own_case(request, number)
    if kind not in SubmissionKind.values:
        raise Http404
    label = SubmissionKind(kind).label
    form = RectificationSubmitForm(request.POST, request.FILES, kind_label=label, prefix=kind)
    if form.is_valid():
        try:
            act(case=case, action=SUBMIT_ACTIONS[kind], acting_user=request.user,
                payload={"text": form.cleaned_data["text"], "files": form.cleaned_data["evidence"]})
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{label}已提交。")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return HttpResponseRedirect(reverse("portal:rectification", args=[case.number]))


@subject_officer_required
def rectification_letter(request, number, letter_pk):
    return case_actions.letter_download(request, _own_case(request, number), letter_pk)


@subject_officer_required
def rectification_evidence(request, number, evidence_pk):
    return case_actions.evidence_download(_own_case(request, number), evidence_pk)
