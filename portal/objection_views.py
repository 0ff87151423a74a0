"""A subject's objections in the portal: lodging here; following, supplying materials,
withdrawing and downloading are the views every case kind shares (`portal.case_pages`)."""

from django.shortcuts import render

from casework import permissions
from casework.errors import DomainError, form_add_errors
from casework.models import ObjectionCase, RecordStatus
from casework.models.deadlines import DeadlineKind
from portal import case_actions
from portal.case_pages import PortalKind, case_views
from portal.forms import LodgeForm
from portal.views import subject_officer_required
from workflows.objection_actions import objection_lodge


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
            return case_actions.lodged(request, case, what="异议", due_kind=DeadlineKind.REPLY,
                                       due_name="书面答复期限", page="portal:objection")
    return render(request, "portal/objection_new.html", {"form": form, "has_records": records.exists()})


objection_case = case_views(PortalKind(
    ObjectionCase, page="portal:objection", template="portal/objection.html", not_found="没有找到该异议。",
    due_name="reply", supplied="补正材料已提交，答复期限恢复计算。", withdrawn="异议已撤回。",
))
