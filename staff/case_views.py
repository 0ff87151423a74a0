"""Staff pages of a case, for every case kind: the viewflow task page and the case page.

Both show the whole case and the actions the user may take now; a POST
parses one form and calls the one entry point (`workflows.actions.act`). The
actions, their labels, forms and whether they need a confirmation are declared
once per kind in `workflows.actions`; the detail template in `staff.kinds`.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views import View

from calendars import clock
from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError, form_add_errors
from casework.permissions import is_staff_role, lifting_actor_may
from staff import case_drafts
from workflows.actions import Action, CaseFacts, act, action_named, allowed_actions


def _payload(form):
    if form is None:
        return {}
    if hasattr(form, "payload"):
        return form.payload()
    return dict(form.cleaned_data)


def _form_class(action: Action):
    # workflows names the staff form by dotted path (it may not import the staff site).
    return import_string(action.form) if action.form else None


def _confirm_panel(request, action: Action) -> dict:
    """What the confirm step shows and sends again: the action's consequence and every
    field the person filled in, so 确认执行 repeats the same POST with confirmed=1."""
    fields = [(name, value) for name, values in request.POST.lists() if name not in ("csrfmiddlewaretoken", "confirmed")
              for value in values]
    return {"action": action, "fields": fields}


def handle_case_page(request, case, *, template: str, extra: dict | None = None, success_url: str | None = None):
    """Show the case and the actions the user may take; on POST take one.

    An irreversible action (`Action.confirm`) runs only when the POST carries
    confirmed=1: the first POST, once its form is valid, shows the confirm panel
    instead, which sends the same fields again with confirmed=1 (or cancels).
    """
    from staff.kinds import kind_of

    kind = kind_of(case)
    bound, confirm = {}, None
    if request.method == "POST" and request.POST.get("action", "") in case_drafts.STEPS:
        done, confirm = case_drafts.handle_draft_step(request, case)
        if done is not None:
            return done
    elif request.method == "POST":
        try:
            action = action_named(case, request.POST.get("action", ""))
        except LookupError:
            raise Http404 from None
        if action.by_subject or not action.staff_page:
            raise Http404
        form_class = _form_class(action)
        form = form_class(request.POST, request.FILES, case=case) if form_class else None
        drafting = case_drafts.drafting(action, request.user)
        if form is not None and not form.is_valid():
            bound[action.name] = form
        # Submitting for 审核 changes nothing yet: 签发 is the step that asks.
        elif action.confirm and not drafting and request.POST.get("confirmed") != "1":
            confirm = _confirm_panel(request, action)
        else:
            try:
                payload = _payload(form)
                if drafting and request.POST.get("draft_note"):
                    payload["draft_note"] = request.POST["draft_note"]
                act(case=case, action=action.name, acting_user=request.user, payload=payload)
            except (NotPermittedError, TransitionNotAllowedError) as exc:
                messages.error(request, exc.messages[0])
            except DomainError as exc:
                if form is not None and hasattr(exc, "error_dict"):
                    form_add_errors(form, exc)
                else:
                    messages.error(request, " ".join(exc.messages))
                bound[action.name] = form
            else:
                done = "已提交审核" if drafting else "已完成"
                messages.success(request, f"{case.number}：{action.label}，{done}。")
                # A draft leaves the task open: back to the case page, where its panel is.
                return HttpResponseRedirect(request.path if drafting else success_url or request.path)
        case = type(case).objects.get(pk=case.pk)

    # The subject's own steps are the portal's; confirm-lifting has its own per-measure
    # buttons below the actions; some steps are the API's only (`staff_page`).
    detail = kind.detail(case, today=clock.today())
    # What the page shows already (the platform report, the liftings) answers the availability
    # rules too: no second read of them.
    facts = CaseFacts(case, **{key: detail[key] for key in ("report", "liftings") if key in detail})
    shown = [a for a in allowed_actions(case, request.user, facts=facts)
             if not a.by_subject and a.staff_page and a.name != "confirm-lifting"]
    panel = case_drafts.draft_panel(case, request.user)
    # While a draft waits for 审核 or 签发, its panel stands for the letter actions.
    if case_drafts.draft_pending(panel["open_draft"]):
        shown = [a for a in shown if not a.letter_kind]
    action_forms = []
    for a in shown:
        form_class = _form_class(a)
        drafting = case_drafts.drafting(a, request.user)
        initial = case_drafts.returned_initial(panel["open_draft"], a) if drafting and form_class else None
        form = bound.get(a.name) or (form_class(case=case, initial=initial) if form_class else None)
        action_forms.append({"name": a.name, "label": a.label, "confirm": a.confirm and not drafting,
                             "drafting": drafting, "form": form})
    my_liftings = [lifting for lifting in detail.get("liftings", [])
                   if lifting.confirmed_at is None and lifting_actor_may(request.user, lifting)]
    prefix = f"/staff/work/{kind.url_segment}/{case.number}/"
    from staff.oversight_views import case_oversights  # it imports this module (visible_case)

    context = {
        **detail, **case_oversights(case, request.user), **panel, "draft_url": f"{prefix}letters/draft.pdf",
        "kind": kind, "actions": action_forms, "my_liftings": my_liftings, "confirm": confirm,
        "detail_template": kind.detail_template,
        "evidence_url_prefix": f"{prefix}evidence/", "letter_url_prefix": f"{prefix}letters/", **(extra or {}),
    }
    return render(request, template, context)


class CaseTaskView(View):
    """The page of a viewflow task on a case of any kind."""

    def dispatch(self, request, *args, **kwargs):
        self.case = request.activation.process.artifact
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return handle_case_page(request, self.case, template="staff/case_task.html")

    def post(self, request, *args, **kwargs):
        from staff.site import queue_url

        return handle_case_page(request, self.case, template="staff/case_task.html", success_url=queue_url())


def visible_case(request, kind_code: str, number: str):
    from staff.kinds import KINDS

    if not is_staff_role(request.user):
        raise Http404
    case = KINDS[kind_code].get_for_user(user=request.user, number=number)
    if case is None:
        raise Http404("没有找到该案件。")
    return case


def case_page(kind_code: str):
    def view(request, number: str):
        """A case seen from the staff site, wherever it stands (also closed ones)."""
        return handle_case_page(request, visible_case(request, kind_code, number),
                                template="staff/case_page.html")

    return view


def evidence_file(kind_code: str):
    def view(request, number: str, pk: int):
        from django.shortcuts import get_object_or_404

        from casework.evidence import evidence_response

        case = visible_case(request, kind_code, number)
        evidence = get_object_or_404(case.evidence.all(), pk=pk)
        try:
            return evidence_response(evidence)
        except FileNotFoundError:
            raise Http404("没有找到该文件。") from None

    return view


def letter_file(kind_code: str):
    def view(request, number: str, pk: int):
        from letters.selectors import letters_about
        from letters.views import letter_file_response

        case = visible_case(request, kind_code, number)
        letter = next((letter for letter in letters_about(case) if letter.pk == pk and letter.file), None)
        if letter is None:
            raise Http404("没有找到该函件。")
        return letter_file_response(letter, as_attachment=False)

    return view


def draft_file(kind_code: str):
    def view(request, number: str):
        """The case's draft letter, watermarked 草稿 (staff.case_drafts)."""
        return case_drafts.draft_pdf_response(visible_case(request, kind_code, number))

    return view
