"""A subject's credit repair applications in the portal: apply, follow, supply materials, withdraw, download."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calendars import clock
from casework import permissions
from casework.errors import DomainError, form_add_errors
from casework.models import OPEN_REPAIR_STATUSES, RecordKind
from casework.models.deadlines import DeadlineKind
from casework.selectors import repair_detail, repair_get_for_user
from casework.services.followup import case_deadline
from casework.services.repairs import repair_eligibility
from portal import case_actions
from portal.forms import RepairApplyForm, SupplyForm, WithdrawForm
from portal.views import subject_officer_required
from workflows.repair_actions import repair_act, repair_apply


def _own_case(request, number):
    case = repair_get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该信用修复申请。")
    return case


@subject_officer_required
def repair_new(request):
    """The application form, with every dishonesty record's eligibility explained beforehand."""
    today = clock.today()
    records = list(permissions.records_visible_to(request.user).filter(kind=RecordKind.DISHONESTY)
                   .select_related("determined_by"))
    rows = [{"record": r, "eligibility": repair_eligibility(record=r, subject_id=request.user.subject_id, today=today)}
            for r in records]
    eligible = [row["record"] for row in rows if row["eligibility"].eligible]
    form = RepairApplyForm(request.POST or None, request.FILES or None, records=eligible,
                           initial={"record": request.GET.get("record")})
    if request.method == "POST" and form.is_valid():
        record = next((r for r in records if r.pk == form.cleaned_data["record"]), None)
        try:
            if record is None:
                raise DomainError({"record": "所选信用记录不存在。"})
            data = form.cleaned_data
            case = repair_apply(
                record=record, losses_recovered=data["losses_recovered"], effects_removed=data["effects_removed"],
                harm_prevented=data["harm_prevented"], evidence=data["evidence"],
                commitment_file=data["commitment_file"], commitment_signed=data["commitment_signed"],
                acting_user=request.user,
            )
        except DomainError as exc:
            form_add_errors(form, exc)
        else:
            review = case_deadline(case, DeadlineKind.REPAIR_REVIEW)
            messages.success(request, f"信用修复申请已提交，编号 {case.number}。审核期限：{review.due_date:%Y年%-m月%-d日}。")
            return HttpResponseRedirect(reverse("portal:repair", args=[case.number]))
    return render(request, "portal/repair_new.html", {"form": form, "rows": rows, "has_eligible": bool(eligible)})


@subject_officer_required
def repair_page(request, number):
    case = _own_case(request, number)
    detail = repair_detail(case, today=clock.today())
    allowed = {t.name for t in case.get_available_user_status_transitions(request.user)}
    return render(request, "portal/repair.html", {
        **detail,
        "review": case_deadline(case, DeadlineKind.REPAIR_REVIEW),
        "can_supply": "supply_materials" in allowed,
        "can_withdraw": "withdraw" in allowed,
        "supply_form": SupplyForm(),
        "withdraw_form": WithdrawForm(),
        "open": case.status in OPEN_REPAIR_STATUSES,
    })


@subject_officer_required
@require_POST
def repair_supply(request, number):
    return case_actions.supply_materials(request, _own_case(request, number), act=repair_act,
                                         success="补正材料已提交，审核期限恢复计算。", page="portal:repair")


@subject_officer_required
@require_POST
def repair_withdraw(request, number):
    return case_actions.withdraw(request, _own_case(request, number), act=repair_act,
                                 success="信用修复申请已撤回。", page="portal:repair")


@subject_officer_required
def repair_letter(request, number, letter_pk):
    return case_actions.letter_download(request, _own_case(request, number), letter_pk)


@subject_officer_required
def repair_evidence(request, number, evidence_pk):
    return case_actions.evidence_download(_own_case(request, number), evidence_pk)

