"""A subject's objections in the portal: lodge, follow, supply materials, withdraw, download."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calendars.clock import beijing_today
from calendars.explain import explain
from casework import permissions
from casework.errors import DomainError
from casework.models import EvidenceFile, ObjectionStatus, RecordStatus
from casework.models.deadlines import DeadlineKind
from casework.selectors import objection_detail, objection_get_for_user
from casework.services.objections import case_deadline
from portal.forms import LodgeForm, SupplyForm, WithdrawForm
from portal.views import subject_officer_required
from workflows.objection_actions import objection_act, objection_lodge


def _own_case(request, number):
    case = objection_get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该异议。")
    return case


def _add_errors(form, exc: DomainError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
            _add_errors(form, exc)
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
    today = beijing_today()
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
        "open": case.status not in (ObjectionStatus.CLOSED, ObjectionStatus.WITHDRAWN, ObjectionStatus.NOT_ACCEPTED),
    })


@subject_officer_required
@require_POST
def objection_supply(request, number):
    case = _own_case(request, number)
    form = SupplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            objection_act(case=case, action="supply-materials", acting_user=request.user,
                          payload={"files": form.cleaned_data["evidence"], "note": form.cleaned_data["note"]})
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "补正材料已提交，答复期限恢复计算。")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return HttpResponseRedirect(reverse("portal:objection", args=[case.number]))


@subject_officer_required
@require_POST
def objection_withdraw(request, number):
    case = _own_case(request, number)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        objection_act(case=case, action="withdraw", acting_user=request.user,
                      payload={"reason": form.cleaned_data.get("reason", "")})
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "异议已撤回。")
    return HttpResponseRedirect(reverse("portal:objection", args=[case.number]))


@subject_officer_required
def objection_letter(request, number, letter_pk):
    from letters.selectors import letters_about
    from letters.services import letter_mark_downloaded
    from letters.views import letter_file_response

    from casework import clock

    case = _own_case(request, number)
    letter = next((letter for letter in letters_about(case) if letter.pk == letter_pk and letter.file), None)
    if letter is None:
        raise Http404("没有找到该函件。")
    letter_mark_downloaded(letter=letter, when=clock.now())
    return letter_file_response(letter, as_attachment=request.GET.get("inline") != "1")


@subject_officer_required
def objection_evidence(request, number, evidence_pk):
    case = _own_case(request, number)
    evidence = get_object_or_404(EvidenceFile, pk=evidence_pk, case=case)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)
