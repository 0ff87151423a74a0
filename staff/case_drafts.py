"""The draft panel of a case page: a decision letter on its way through 审核 and 签发.

What the panel shows and which buttons it offers come from the rights rules
(casework.permissions: draft_review_may, draft_signoff_may, draft_edit_may); a POST
runs one step through its service, 签发 through `workflows.signoff.draft_sign`.
"""

import dataclasses

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect

from casework.errors import DomainError
from casework.models import DraftStatus
from casework.permissions import draft_edit_may, draft_review_may, draft_signoff_may, draft_withdraw_may
from casework.services.letter_drafts import (
    case_drafts,
    case_open_draft,
    letter_draft_approve,
    letter_draft_return,
    letter_draft_withdraw,
)
from workflows.actions import action_named
from workflows.signoff import draft_preview_pdf, draft_sign, payload_decode, signoff_required


@dataclasses.dataclass(frozen=True)
class DraftStepUI:
    """A step as the confirm panel (staff/_confirm_panel.html) reads an action."""

    name: str
    label: str
    consequence: str = ""


STEPS = {
    "draft-approve": DraftStepUI("draft-approve", "审核通过"),
    "draft-return": DraftStepUI("draft-return", "退回修改"),
    "draft-sign": DraftStepUI("draft-sign", "签发",
                              "签发后即按文书稿作出决定，文书编号并出具给当事人，不能更改"),
    "draft-withdraw": DraftStepUI("draft-withdraw", "撤销文书稿", "撤销后该文书稿不再审核签发"),
}
_CONFIRMED = ("draft-sign", "draft-withdraw")


def drafting(action, user) -> bool:
    """Does taking `action` draft it for 审核 (its form then says 提交审核)?"""
    return signoff_required(action, user)


def draft_panel(case, user) -> dict:
    """The panel's context: the open draft with what `user` may do with it, and the earlier drafts."""
    drafts = list(case_drafts(case))
    open_draft = next((d for d in drafts if d.status in (DraftStatus.IN_REVIEW, DraftStatus.AWAITING_SIGNOFF,
                                                          DraftStatus.RETURNED)), None)
    may = {}
    if open_draft is not None:
        may = {
            "review": open_draft.status == DraftStatus.IN_REVIEW and draft_review_may(user, open_draft),
            "sign": open_draft.status == DraftStatus.AWAITING_SIGNOFF and draft_signoff_may(user, open_draft),
            "edit": open_draft.status == DraftStatus.RETURNED and draft_edit_may(user, open_draft),
            "withdraw": draft_withdraw_may(user, open_draft),
        }
    return {"open_draft": open_draft, "draft_may": may, "drafts": drafts,
            "draft_waits_for": _waits_for(open_draft)}


def _waits_for(draft) -> str:
    if draft is None:
        return ""
    return {DraftStatus.IN_REVIEW: "审核人审核", DraftStatus.AWAITING_SIGNOFF: "签发人签发",
            DraftStatus.RETURNED: "承办人修改后重新提交"}[draft.status]


def returned_initial(draft, action) -> dict | None:
    """The returned `draft`'s payload, to fill the action's form again for the handler to edit."""
    if draft is None or draft.status != DraftStatus.RETURNED or draft.action != action.name:
        return None
    payload = payload_decode(draft.payload)
    # A nested part (an objection's correction) fills the form's fields of the same names.
    nested = {key: value for part in payload.values() if isinstance(part, dict) for key, value in part.items()}
    return {**nested, **{key: value for key, value in payload.items() if not isinstance(value, dict)}}


def draft_pending(draft) -> bool:
    """The open `draft` waits for 审核 or 签发: the letter actions are not offered again meanwhile."""
    return draft is not None and draft.status != DraftStatus.RETURNED


def handle_draft_step(request, case):
    """Run the draft step the POST names; a redirect when done, or the confirm panel's context first."""
    step = STEPS.get(request.POST.get("action", ""))
    if step is None:
        raise Http404
    draft = case_open_draft(case)
    if draft is None or str(draft.pk) != request.POST.get("draft", ""):
        messages.error(request, "该文书稿已办结或已变化，请刷新页面后重试。")
        return HttpResponseRedirect(request.path), None
    if step.name == "draft-sign":
        # What the decision does, as its own confirmation would have said (workflows.actions).
        consequence = action_named(case, draft.action).consequence
        if consequence:
            step = dataclasses.replace(step, consequence=f"{step.consequence}；{consequence}")
    if step.name in _CONFIRMED and request.POST.get("confirmed") != "1":
        fields = [(name, value) for name, values in request.POST.lists()
                  if name not in ("csrfmiddlewaretoken", "confirmed") for value in values]
        return None, {"action": step, "fields": fields}
    comment = request.POST.get("comment", "")
    try:
        if step.name == "draft-approve":
            letter_draft_approve(draft=draft, comment=comment, acting_user=request.user)
        elif step.name == "draft-return":
            letter_draft_return(draft=draft, comment=comment, acting_user=request.user)
        elif step.name == "draft-sign":
            draft_sign(draft=draft, acting_user=request.user)
        else:
            letter_draft_withdraw(draft=draft, comment=comment, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{case.number}：{draft.action_label}，{step.label}，已完成。")
    return HttpResponseRedirect(request.path), None


def draft_pdf_response(case) -> HttpResponse:
    """The open draft (else the latest) as the PDF it would be issued as, watermarked 草稿."""
    draft = case_open_draft(case) or next(iter(case_drafts(case)), None)
    if draft is None or draft.status in (DraftStatus.ISSUED, DraftStatus.WITHDRAWN):
        raise Http404("没有待签发的文书稿。")
    try:
        pdf = draft_preview_pdf(draft)
    except DomainError as exc:
        return HttpResponse(" ".join(exc.messages), status=409, content_type="text/plain; charset=utf-8")
    if pdf is None:
        return HttpResponse("该决定的文书由其他部门出具，此处无草稿可看。", status=404,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draft-{case.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
