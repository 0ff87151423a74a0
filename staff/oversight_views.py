"""督办 pages: a supervisor issues one from the drill-down (form, confirmation, the 督办 with its
督办函), lists those of its scope; the department answers in writing from its case page.

Thin: the rule is `supervision.services.oversight` (who may issue or answer, when), the
scope `supervision.selectors.supervision_scope` for supervisors and the case page's own
(`casework.permissions` via `visible_case`) for the department. Outside scope: 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from calendars import clock
from calendars.current import current_calendar
from casework.errors import DomainError
from casework.models import Deadline
from casework.models.deadlines import DeadlineKind
from letters.views import letter_file_response
from staff.case_views import visible_case
from staff.oversight_forms import OversightAnswerForm, OversightIssueForm
from supervision.oversight_figures import FILTERS, oversight_rows, oversights_in_scope, oversights_of_case
from supervision.selectors import supervision_scope
from supervision.services.oversight import (
    issuing_office,
    oversight_answer,
    oversight_issue,
    oversight_letter,
    oversight_refusal,
)
from supervision.sources import CASE_KINDS, case_of

LIST = "oversight_app:oversight:oversights"
DETAIL = "oversight_app:oversight:oversight"


def _deadline_in_scope(request, deadline_pk: int) -> Deadline:
    scope = supervision_scope(request.user)
    qs = Deadline.objects.select_related("acting_department")
    if scope is not None:
        qs = qs.filter(jurisdiction__path__startswith=scope)
    deadline = get_object_or_404(qs, pk=deadline_pk)
    if deadline.case_kind not in CASE_KINDS:
        raise Http404
    return deadline


def _deadline_facts(deadline: Deadline, today) -> dict:
    case = case_of(deadline)
    facts = {"case": case, "case_kind": CASE_KINDS[deadline.case_kind].label,
             "url_name": CASE_KINDS[deadline.case_kind].url_name(), "kind": DeadlineKind(deadline.kind).label,
             "deadline": deadline, "days_late": None, "days_left": None}
    if deadline.due_date is not None and deadline.met_at is None:
        cal = current_calendar()
        if deadline.due_date < today:
            facts["days_late"] = cal.working_days_between(deadline.due_date, today)
        else:
            facts["days_left"] = cal.working_days_between(today, deadline.due_date)
    return facts


def _refusal(user, deadline: Deadline, today) -> str:
    office = issuing_office(user)
    if office is None:
        return "只有设有联席会议办公室的监督人员可以发出督办函。"
    return oversight_refusal(deadline, today=today, office=office)


@login_required
def oversight_new(request, deadline_pk: int):
    """The 督办 form on one deadline; a valid POST shows the confirmation, confirmed=1 issues it."""
    deadline = _deadline_in_scope(request, deadline_pk)
    today = clock.today()
    form = OversightIssueForm(request.POST or None)
    refusal = _refusal(request.user, deadline, today)
    confirm = False
    if request.method == "POST" and form.is_valid() and not refusal:
        if request.POST.get("confirmed") != "1":
            confirm = True
        else:
            try:
                oversight = oversight_issue(deadline=deadline, reasons=form.cleaned_data["reasons"],
                                            acting_user=request.user, today=today)
            except DomainError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"督办函已签发，请{oversight.department.name}于"
                                          f"{oversight.feedback_due_on:%Y-%m-%d}前书面反馈。")
                return HttpResponseRedirect(reverse(DETAIL, args=[oversight.pk]))
    return render(request, "staff/supervision/oversight_new.html", {
        **_deadline_facts(deadline, today), "form": form, "confirm": confirm,
        "refusal": refusal, "today": today,
    })


@login_required
def oversight_list(request):
    scope = supervision_scope(request.user)
    show = request.GET.get("show", "")
    if show not in FILTERS:
        raise Http404
    today = clock.today()
    result = oversight_rows(scope_path=scope, today=today, show=show)
    return render(request, "staff/supervision/oversights.html", {
        "result": result, "show": show, "filters": FILTERS, "today": today})


def _oversight_in_scope(request, oversight_pk: int):
    return get_object_or_404(oversights_in_scope(supervision_scope(request.user)), pk=oversight_pk)


@login_required
def oversight_detail(request, oversight_pk: int):
    oversight = _oversight_in_scope(request, oversight_pk)
    today = clock.today()
    return render(request, "staff/supervision/oversight.html", {
        **_deadline_facts(oversight.deadline, today), "o": oversight, "letter": oversight_letter(oversight),
        "letter_url": reverse("oversight_app:oversight:oversight_letter", args=[oversight.pk]), "today": today,
    })


def _letter_response(oversight):
    letter = oversight_letter(oversight)
    if letter is None or not letter.file:
        raise Http404("督办函正在生成，请稍后再试。")
    return letter_file_response(letter, as_attachment=False)


@login_required
def oversight_letter_file(request, oversight_pk: int):
    return _letter_response(_oversight_in_scope(request, oversight_pk))


# --- the department's side, on its case page ------------------------------------------------

def _case_oversight(request, kind_code: str, number: str, oversight_pk: int):
    case = visible_case(request, kind_code, number)
    return case, get_object_or_404(oversights_of_case(case), pk=oversight_pk)


def oversight_case_letter(kind_code: str):
    def view(request, number: str, oversight_pk: int):
        return _letter_response(_case_oversight(request, kind_code, number, oversight_pk)[1])

    return view


def oversight_case_answer(kind_code: str):
    @require_POST
    def view(request, number: str, oversight_pk: int):
        """The department's written answer (书面反馈), back to the case page."""
        case, oversight = _case_oversight(request, kind_code, number, oversight_pk)
        form = OversightAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            try:
                oversight_answer(oversight=oversight, text=form.cleaned_data["text"], acting_user=request.user)
            except DomainError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"已向{oversight.office.name}书面反馈。")
        return HttpResponseRedirect(reverse(CASE_KINDS[kind_code].url_name(), args=[case.number]) + "#oversights")

    return view


def case_oversights(case, user) -> dict:
    """The case page's 督办 panel: each 督办 with its letter link, and the answer form where
    `user` is a handler of the department it is addressed to and has not answered yet."""
    from casework.models import Role
    from supervision.models import OversightStatus

    kind = next(code for code, k in CASE_KINDS.items() if isinstance(case, k.model))
    namespace = CASE_KINDS[kind].url_name().rsplit(":", 1)[0]
    items = []
    for o in oversights_of_case(case):
        may_answer = (user.role == Role.HANDLER and user.department_id == o.department_id
                      and o.status != OversightStatus.ANSWERED and not o.answer)
        items.append({
            "o": o, "form": OversightAnswerForm() if may_answer else None,
            "answer_url": reverse(f"{namespace}:oversight_answer", args=[case.number, o.pk]),
            "letter": oversight_letter(o),
            "letter_url": reverse(f"{namespace}:oversight_letter", args=[case.number, o.pk]),
            "feedback_overdue": o.status == OversightStatus.OPEN and o.feedback_due_on < clock.today(),
        })
    return {"oversights": items}
