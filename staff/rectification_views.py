"""Staff pages of a rectification order: the supervisor office's list, the order form,
and the shared case pages for the kind (its actions are declared in `workflows.actions`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from calendars import clock
from casework.errors import DomainError, form_add_errors
from casework.limits import limit
from casework.models import Deadline, RectificationCase
from casework.models.deadlines import DeadlineKind
from casework.permissions import is_staff_role
from casework.selectors import (
    rectification_list_for_user,
    rectification_orderable_records,
    rectification_orderable_subjects,
    urgency,
    working_days_left,
)
from staff import forms
from staff.case_views import case_page, evidence_file, letter_file
from workflows.rectification_actions import rectification_order

rectification_case_page = case_page("rectification")
rectification_evidence_file = evidence_file("rectification")
rectification_letter_file = letter_file("rectification")


def _limits(cases) -> dict:
    """The newest rectification time limit of each case (a return starts a new one)."""
    from django.contrib.contenttypes.models import ContentType

    rows = Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(RectificationCase), owner_id__in=[c.pk for c in cases],
        kind=DeadlineKind.RECTIFICATION,
    ).order_by("id")
    return {deadline.owner_id: deadline for deadline in rows}


@login_required
def rectification_list(request):
    """The orders the user's office gave (a supervisor: of its jurisdiction), open ones first."""
    if not is_staff_role(request.user):
        raise PermissionDenied
    today = clock.today()
    cases = list(rectification_list_for_user(request.user).order_by("closed_at", "-ordered_at")[:500])
    limits = _limits(cases)
    rows = []
    for case in cases:
        deadline = limits.get(case.pk)
        met = deadline is not None and deadline.met_at is not None
        left = None if deadline is None or met else working_days_left(deadline.due_date, today=today)
        rows.append({"case": case, "due": deadline.due_date if deadline else None, "days_left": left,
                     "provisional": bool(deadline and deadline.provisional),
                     "urgency": "met" if met else urgency(left)})
    return render(request, "staff/rectification_list.html", {
        "rows": rows, "today": today, "may_order": rectification_orderable_subjects(request.user).exists(),
    })


@login_required
def rectification_new(request):
    """A supervisor office orders a government in its jurisdiction, naming records in force."""
    subjects = rectification_orderable_subjects(request.user)
    if not subjects.exists():
        raise PermissionDenied("只有社会信用体系建设联席会议办公室的承办人可以下达整改通知。")
    subject_id = request.GET.get("subject", "")
    chosen = subjects.filter(pk=int(subject_id)).first() if subject_id.isdigit() else None
    records = list(rectification_orderable_records(request.user, chosen)) if chosen else []
    form = None
    if chosen is not None:
        form = forms.RectificationOrderForm(request.POST or None, records=records,
                                            default_days=limit("rectification_default_working_days"))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                case = rectification_order(
                    subject=chosen, records=[r for r in records if r.pk in data["records"]],
                    requirements=data["requirements"], basis=data["basis"], limit_date=data["limit_date"],
                    limit_working_days=data["limit_working_days"], acting_user=request.user,
                )
            except DomainError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, f"已下达整改通知 {case.number}，整改通知书已出具。")
                return HttpResponseRedirect(reverse("work:rectifications:case", args=[case.number]))
    return render(request, "staff/rectification_new.html", {
        "subjects": subjects, "chosen": chosen, "records": records, "form": form,
    })
