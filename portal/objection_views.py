"""A subject's objections in the portal: lodge, follow, supply materials, withdraw, download."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calendars import clock
from calendars.explain import explain
from casework import permissions
from casework.errors import DomainError, form_add_errors
from casework.models import OPEN_OBJECTION_STATUSES, RecordStatus
from casework.models.deadlines import DeadlineKind
from casework.selectors import objection_detail, objection_get_for_user
from casework.services.objections import case_deadline
from portal import case_actions
from portal.forms import LodgeForm, SupplyForm, WithdrawForm
from portal.views import subject_officer_required
from workflows.objection_actions import objection_act, objection_lodge


def _own_case(request, number):
    case = objection_get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该异议。")
    return case


@subject_officer_required
def objection_new(request):
    records = permissions.records_visible_to(request.user).filter(status=RecordStatus.ACTIVE).select_related(
        "determined_by"
    )
    form = LodgeForm(request.POST or None, request.FILES or None, records=records,
                     initial={"record": request.GET.get("record")})
    if request.method == "POST" and form.is_valid():
        record = records.filter(pk=form.cleaned_data["record"]).first()
        try:
            if record is None:
                raise DomainError({"record": "所选信用记录不存在或不能提出异议。"})
            case = objection_lodge(
                record=record, grounds=form.cleaned_data["grounds"], channel=form.cleaned_data["channel"],
                evidence=form.cleaned_data["evidence"], acting_user=request.user,
            )
        except DomainError as exc:
            form_add_errors(form, exc)
        else:
            reply = case_deadline(case, DeadlineKind.REPLY)
            messages.success(
                request,
                f"异议已提交，编号 {case.number}。书面答复期限：{reply.due_date:%Y年%-m月%-d日}。",
            )
            return HttpResponseRedirect(reverse("portal:objection", args=[case.number]))
    return render(request, "portal/objection_new.html", {"form": form, "has_records": records.exists()})


@subject_officer_required
def objection_page(request, number):
    case = _own_case(request, number)
    today = clock.today()
    detail = objection_detail(case, today=today)
    reply = case_deadline(case, DeadlineKind.REPLY)
    explanation = None
    if reply is not None and reply.due_date is not None:
        spans = [(s, e) for s, e in reply.paused_spans if e is not None] if reply.paused_spans else []
        explanation = explain(reply.start_date, reply.working_days, paused=spans)
    allowed = {t.name for t in case.get_available_user_status_transitions(request.user)}
    return render(request, "portal/objection.html", {
        **detail,
        "reply": reply,
        "explanation": explanation,
        "can_supply": "supply_materials" in allowed,
        "can_withdraw": "withdraw" in allowed,
        "supply_form": SupplyForm(),
        "withdraw_form": WithdrawForm(),
        "open": case.status in OPEN_OBJECTION_STATUSES,
    })


@subject_officer_required
@require_POST
def objection_supply(request, number):
    return case_actions.supply_materials(request, _own_case(request, number), act=objection_act,
                                         success="补正材料已提交，答复期限恢复计算。", page="portal:objection")


@subject_officer_required
@require_POST
def objection_withdraw(request, number):
    return case_actions.withdraw(request, _own_case(request, number), act=objection_act,
                                 success="异议已撤回。", page="portal:objection")


@subject_officer_required
def objection_letter(request, number, letter_pk):
    return case_actions.letter_download(request, _own_case(request, number), letter_pk)


@subject_officer_required
def objection_evidence(request, number, evidence_pk):
    return case_actions.evidence_download(_own_case(request, number), evidence_pk)
