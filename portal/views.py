"""The subject portal: what a subject officer sees of its own credit file."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from calendars import clock
from casework import permissions
from django.contrib.contenttypes.models import ContentType

from casework.models import Deadline, ObjectionCase, RectificationCase, RepairAppeal, RepairCase, Role
from casework.models.deadlines import DeadlineKind
from casework.services.repair_notices import repair_notice_of
from casework.services.repairs import repair_eligibility


def subject_officer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.SUBJECT_OFFICER:
            raise PermissionDenied("仅政务主体经办人可使用主体门户。")
        return view(request, *args, **kwargs)

    return wrapper


def _attach_deadlines(cases: list, model, kind: str, attr: str) -> None:
    """Set `attr` on each case to its deadline of `kind` (None if it has none), in one query.

    Read oldest first, so that where a case has several (a returned rectification's new time
    limit), the newest wins."""
    dues = {
        d.owner_id: d for d in Deadline.objects.filter(
            owner_type=ContentType.objects.get_for_model(model), owner_id__in=[c.pk for c in cases], kind=kind,
        ).order_by("id")
    }
    for case in cases:
        setattr(case, attr, dues.get(case.pk))


@subject_officer_required
def home(request):
    records = list(
        permissions.records_visible_to(request.user)
        .select_related("determined_by")
        .prefetch_related("measures__imposed_by")
    )
    today = clock.today()
    for record in records:
        # 申请信用修复 is offered only where the application would be taken today, not as a dead end.
        record.repairable = repair_eligibility(
            record=record, subject_id=request.user.subject_id, today=today).eligible
    objections = list(permissions.objections_visible_to(request.user).select_related("record", "handling_department"))
    _attach_deadlines(objections, ObjectionCase, DeadlineKind.REPLY, "due")
    repairs = list(permissions.repairs_visible_to(request.user).select_related("record"))
    _attach_deadlines(repairs, RepairCase, DeadlineKind.REPAIR_REVIEW, "due")
    rectifications = list(permissions.rectifications_visible_to(request.user).select_related("supervisor_office"))
    _attach_deadlines(rectifications, RectificationCase, DeadlineKind.RECTIFICATION, "limit")
    appeals = list(permissions.appeals_visible_to(request.user).select_related("repair", "handling_office"))
    _attach_deadlines(appeals, RepairAppeal, DeadlineKind.APPEAL_DECISION, "decision_deadline")
    return render(request, "portal/home.html", {
        "subject": request.user.subject, "records": records, "objections": objections, "repairs": repairs,
        "rectifications": rectifications, "appeals": appeals,
    })


@subject_officer_required
def record_detail(request, pk):
    record = get_object_or_404(
        permissions.records_visible_to(request.user).select_related("determined_by", "subject"), pk=pk
    )
    measures = permissions.measures_visible_to(request.user, record.measures.select_related("imposed_by"))
    return render(request, "portal/record_detail.html",
                  {"record": record, "measures": measures, "repair_notice": repair_notice_of(record)})


@subject_officer_required
def record_repair_notice(request, pk):
    """The record's repair notice (信用修复告知书), served with the determination; the first download is recorded."""
    from letters.services import letter_mark_downloaded
    from letters.views import letter_file_response

    record = get_object_or_404(permissions.records_visible_to(request.user), pk=pk)
    letter = repair_notice_of(record, rendered=True)
    if letter is None:
        raise Http404("该记录没有信用修复告知书。")
    letter_mark_downloaded(letter=letter, when=clock.now())
    return letter_file_response(letter, as_attachment=request.GET.get("inline") != "1")
