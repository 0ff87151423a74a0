"""Staff pages of an objection: the viewflow task page and the case page.

Both show the whole case (record, measures, evidence, deadlines, letters,
timeline) and the actions the user may take now; a POST parses one form and
calls `objection_actions.objection_act`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from calendars.clock import beijing_today
from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError
from casework.models import ObjectionCase
from casework.permissions import is_staff_role, lifting_actor_may
from casework.selectors import objection_detail, objection_get_for_user
from workflows import forms

ACTION_FORMS = {
    "accept": None,
    "reject": forms.RejectForm,
    "request-materials": forms.MaterialsForm,
    "decide": forms.DecideForm,
    "reply": None,
    "confirm-report": forms.ReceiptForm,
    "confirm-lifting": forms.LiftingForm,
}
ACTION_LABELS = {
    "accept": "受理并转入核查",
    "reject": "不予受理",
    "request-materials": "要求补正材料",
    "decide": "作出核查结论",
    "reply": "出具书面答复",
    "confirm-report": "确认已报送省级平台",
    "confirm-lifting": "确认已解除本部门措施",
}


def _payload(action, form):
    if form is None:
        return {}
    if isinstance(form, forms.DecideForm):
        return form.payload()
    return dict(form.cleaned_data)


def handle_case_page(request, case: ObjectionCase, *, template: str, extra: dict | None = None,
                     success_url: str | None = None):
    from workflows.objection_actions import objection_act

    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTION_FORMS:
            raise Http404
        form_class = ACTION_FORMS[action]
        form = form_class(request.POST) if form_class else None
        if form is None or form.is_valid():
            try:
                objection_act(case=case, action=action, acting_user=request.user, payload=_payload(action, form))
            except NotPermittedError as exc:
                messages.error(request, exc.messages[0])
            except TransitionNotAllowedError as exc:
                messages.error(request, exc.messages[0])
            except DomainError as exc:
                if form is not None and hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.error(request, " ".join(exc.messages))
                bound[action] = form
            else:
                messages.success(request, f"{case.number}：{ACTION_LABELS[action]}，已完成。")
                return HttpResponseRedirect(success_url or request.path)
        else:
            bound[action] = form
        case = type(case).objects.get(pk=case.pk)

    from workflows.objection_actions import objection_allowed_actions

    # confirm-lifting has its own per-measure buttons below the actions.
    actions = [a for a in objection_allowed_actions(case, request.user)
               if a in ACTION_FORMS and a != "confirm-lifting"]
    action_forms = [
        {"name": a, "label": ACTION_LABELS[a],
         "form": bound.get(a) or (ACTION_FORMS[a]() if ACTION_FORMS[a] else None)}
        for a in actions
    ]
    detail = objection_detail(case, today=beijing_today())
    my_liftings = [lifting for lifting in detail["liftings"]
                   if lifting.confirmed_at is None and lifting_actor_may(request.user, lifting)]
    prefix = f"/staff/work/objections/{case.number}/"
    context = {
        **detail, "actions": action_forms, "my_liftings": my_liftings,
        "evidence_url_prefix": f"{prefix}evidence/", "letter_url_prefix": f"{prefix}letters/", **(extra or {}),
    }
    return render(request, template, context)


class ObjectionTaskView(View):
    """The page of a viewflow task (review, verify, reply) on an objection."""

    def dispatch(self, request, *args, **kwargs):
        self.case = request.activation.process.artifact
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return handle_case_page(request, self.case, template="workflows/objection_task.html")

    def post(self, request, *args, **kwargs):
        from workflows.site import queue_url

        return handle_case_page(request, self.case, template="workflows/objection_task.html",
                                success_url=queue_url())


@login_required
def objection_case_page(request, number: str):
    """A case seen from the staff site, wherever it stands (also closed ones)."""
    case = _visible_case(request, number)
    return handle_case_page(request, case, template="workflows/objection_case.html")


def _visible_case(request, number):
    if not is_staff_role(request.user):
        raise Http404
    case = objection_get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该异议案件。")
    return case


@login_required
def objection_evidence_file(request, number: str, pk: int):
    from django.http import FileResponse
    from django.shortcuts import get_object_or_404

    from casework.models import EvidenceFile

    case = _visible_case(request, number)
    evidence = get_object_or_404(EvidenceFile, pk=pk, case=case)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


@login_required
def objection_letter_file(request, number: str, pk: int):
    from letters.selectors import letters_about
    from letters.views import letter_file_response

    case = _visible_case(request, number)
    letter = next((letter for letter in letters_about(case) if letter.pk == pk and letter.file), None)
    if letter is None:
        raise Http404("没有找到该函件。")
    return letter_file_response(letter, as_attachment=False)
