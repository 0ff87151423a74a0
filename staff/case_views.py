"""Staff pages of a case, for every case kind: the viewflow task page and the case page.

Both show the whole case and the actions the user may take now; a POST
parses one form and calls the case kind's one entry point (`act`). What
differs between kinds (forms, labels, the detail template, the facade) is
described once per kind in `staff.kinds`.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from calendars import clock
from casework.errors import DomainError, NotPermittedError, TransitionNotAllowedError, form_add_errors
from casework.permissions import is_staff_role, lifting_actor_may


def _payload(form):
    if form is None:
        return {}
    if hasattr(form, "payload"):
        return form.payload()
    return dict(form.cleaned_data)


def handle_case_page(request, case, *, template: str, extra: dict | None = None, success_url: str | None = None):
    from staff.kinds import kind_of

    kind = kind_of(case)
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in kind.forms:
            raise Http404
        form_class = kind.forms[action]
        form = form_class(request.POST, request.FILES, case=case) if form_class else None
        if form is None or form.is_valid():
            try:
                kind.act(case=case, action=action, acting_user=request.user, payload=_payload(form))
            except (NotPermittedError, TransitionNotAllowedError) as exc:
                messages.error(request, exc.messages[0])
            except DomainError as exc:
                if form is not None and hasattr(exc, "error_dict"):
                    form_add_errors(form, exc)
                else:
                    messages.error(request, " ".join(exc.messages))
                bound[action] = form
            else:
                messages.success(request, f"{case.number}：{kind.labels[action]}，已完成。")
                return HttpResponseRedirect(success_url or request.path)
        else:
            bound[action] = form
        case = type(case).objects.get(pk=case.pk)

    # confirm-lifting has its own per-measure buttons below the actions.
    actions = [a for a in kind.allowed_actions(case, request.user) if a in kind.forms and a != "confirm-lifting"]
    action_forms = [
        {"name": a, "label": kind.labels[a],
         "form": bound.get(a) or (kind.forms[a](case=case) if kind.forms[a] else None)}
        for a in actions
    ]
    detail = kind.detail(case, today=clock.today())
    my_liftings = [lifting for lifting in detail.get("liftings", [])
                   if lifting.confirmed_at is None and lifting_actor_may(request.user, lifting)]
    prefix = f"/staff/work/{kind.url_segment}/{case.number}/"
    context = {
        **detail, "kind": kind, "actions": action_forms, "my_liftings": my_liftings,
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
