"""A subject's credit repair applications in the portal: applying here; following, supplying
materials, withdrawing and downloading are the views every case kind shares (`portal.case_pages`)."""

from django.shortcuts import render

from calendars import clock
from casework import permissions
from casework.errors import DomainError, form_add_errors
from casework.limits import limit
from casework.models import RecordKind, RepairCase
from casework.repair_requirements import APPLICATION_MATERIALS
from casework.models.deadlines import DeadlineKind
from casework.services.repairs import repair_eligibility
from portal import case_actions
from portal.case_pages import PortalKind, case_views
from portal.forms import RepairApplyForm
from portal.views import subject_officer_required
from workflows.repair_actions import repair_apply


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
            return case_actions.lodged(request, case, what="信用修复申请", due_kind=DeadlineKind.REPAIR_REVIEW,
                                       due_name="审核期限", page="portal:repair")
    return render(request, "portal/repair_new.html", {
        "form": form, "rows": rows, "has_eligible": bool(eligible), "materials": APPLICATION_MATERIALS,
        "acceptance_days": limit("repair_acceptance_working_days"), "review_days": limit("repair_review_working_days"),
    })


repair_case = case_views(PortalKind(
    RepairCase, page="portal:repair", template="portal/repair.html", not_found="没有找到该信用修复申请。",
    due_name="review", supplied="补正材料已提交，审核期限恢复计算。", withdrawn="信用修复申请已撤回。",
))
