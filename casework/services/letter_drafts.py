"""The steps of a decision letter's draft (拟稿 → 审核 → 签发), each one write.

The draft only records who did what; running the decision at 签发 is the action layer's
(workflows.signoff), which calls `letter_draft_mark_issued` inside that transaction.
Every step locks the draft row, checks its status and the user's right, and writes an
audit row on the case, so the case's trail tells the whole history of its letter.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from calendars import clock
from casework.errors import ConcurrentChangeError, DomainError, NotPermittedError
from casework.limits import LONG_TEXT_MAX, text_check
from casework.models import OPEN_DRAFT_STATUSES, DraftComment, DraftStatus, DraftStep, LetterDraft, User
from casework.permissions import draft_edit_may, draft_review_may, draft_signoff_may, draft_withdraw_may
from casework.services.audit import audit_write


def case_open_draft(case) -> LetterDraft | None:
    """The case's draft that is not issued or withdrawn yet, if any (at most one)."""
    return (LetterDraft.objects.filter(case_type=ContentType.objects.get_for_model(type(case)), case_id=case.pk,
                                       status__in=OPEN_DRAFT_STATUSES)
            .select_related("drafted_by", "reviewed_by", "signed_by").first())


def case_drafts(case):
    """Every draft of the case, newest first, with their comments."""
    return (LetterDraft.objects.filter(case_type=ContentType.objects.get_for_model(type(case)), case_id=case.pk)
            .select_related("drafted_by", "reviewed_by", "signed_by").prefetch_related("comments__author"))


def _lock(draft: LetterDraft, *, expected: tuple[str, ...]) -> LetterDraft:
    locked = LetterDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.status not in expected:
        if draft.status in expected:
            raise ConcurrentChangeError("该文书稿已被他人处理，请刷新页面后重试。")
        raise DomainError(f"该文书稿当前为“{locked.get_status_display()}”，不能执行此操作。")
    return locked


def _comment(draft, *, step, author, text, returned=False):
    text = (text or "").strip()
    if text:
        DraftComment.objects.create(draft=draft, step=step, author=author, text=text, returned=returned,
                                    at=clock.now())
    return text


def _audit(draft, action, actor, *, before, reason="", **details):
    audit_write(target=draft.case, action=action, actor=actor, from_state=before, to_state=draft.status,
                reason=reason, details={"draft": draft.pk, "action": draft.action, "letter_kind": draft.letter_kind,
                                        **details})


@transaction.atomic
def letter_draft_submit(*, case, action: str, action_label: str, letter_kind: str, payload: dict,
                        note: str = "", acting_user: User) -> LetterDraft:
    """Submit the decision `action` with `payload` for 审核, or resubmit a returned draft with the new payload.

    The caller has checked that `acting_user` may take the action now (a dry run of it).
    """
    text_check(note=(note, LONG_TEXT_MAX))
    department = acting_user.department
    open_draft = case_open_draft(case)
    now = clock.now()
    if open_draft is None:
        draft = LetterDraft.objects.create(
            case=case, department=department, action=action, action_label=action_label, letter_kind=letter_kind,
            payload=payload, drafted_by=acting_user, submitted_at=now,
        )
        before = ""
    else:
        if open_draft.status != DraftStatus.RETURNED:
            raise DomainError(f"该案件已有{open_draft.get_status_display()}的文书稿（{open_draft.action_label}），"
                              "请待其办结或退回后再提交。")
        if not draft_edit_may(acting_user, open_draft):
            raise NotPermittedError("您无权修改该文书稿。")
        draft = _lock(open_draft, expected=(DraftStatus.RETURNED,))
        before = draft.status
        draft.action, draft.action_label, draft.letter_kind = action, action_label, letter_kind
        draft.payload, draft.status, draft.submitted_at = payload, DraftStatus.IN_REVIEW, now
        draft.drafted_by, draft.reviewed_by, draft.reviewed_at = acting_user, None, None
        draft.save()
    _comment(draft, step=DraftStep.SUBMIT, author=acting_user, text=note)
    _audit(draft, "draft_submit", acting_user, before=before, reason=note.strip())
    return draft


@transaction.atomic
def letter_draft_approve(*, draft: LetterDraft, comment: str = "", acting_user: User) -> LetterDraft:
    """审核通过: the draft goes to 签发."""
    text_check(comment=(comment, LONG_TEXT_MAX))
    if not draft_review_may(acting_user, draft):
        raise NotPermittedError("您无权审核该文书稿（拟稿人不能审核本人拟写的文书）。")
    draft = _lock(draft, expected=(DraftStatus.IN_REVIEW,))
    before = draft.status
    draft.status, draft.reviewed_by, draft.reviewed_at = DraftStatus.AWAITING_SIGNOFF, acting_user, clock.now()
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    text = _comment(draft, step=DraftStep.REVIEW, author=acting_user, text=comment)
    _audit(draft, "draft_approve", acting_user, before=before, reason=text)
    return draft


@transaction.atomic
def letter_draft_return(*, draft: LetterDraft, comment: str, acting_user: User) -> LetterDraft:
    """退回修改 at 审核 or at 签发, with the reasons (kept); the handler edits and resubmits."""
    text_check(comment=(comment, LONG_TEXT_MAX))
    if not (comment or "").strip():
        raise DomainError({"comment": "请写明退回修改的意见。"})
    at_review = draft.status == DraftStatus.IN_REVIEW
    allowed = draft_review_may(acting_user, draft) if at_review else draft_signoff_may(acting_user, draft)
    if not allowed:
        raise NotPermittedError("您无权退回该文书稿。")
    draft = _lock(draft, expected=(DraftStatus.IN_REVIEW,) if at_review else (DraftStatus.AWAITING_SIGNOFF,))
    before = draft.status
    draft.status = DraftStatus.RETURNED
    draft.save(update_fields=["status"])
    text = _comment(draft, step=DraftStep.REVIEW if at_review else DraftStep.SIGNOFF, author=acting_user,
                    text=comment, returned=True)
    _audit(draft, "draft_return", acting_user, before=before, reason=text)
    return draft


def letter_draft_lock_for_signoff(*, draft: LetterDraft, acting_user: User) -> LetterDraft:
    """Lock `draft` for 签发 by `acting_user`, or raise. Expects the transaction of the signed step."""
    if not draft_signoff_may(acting_user, draft):
        raise NotPermittedError("您无权签发该文书稿（拟稿人、审核人不能签发）。")
    return _lock(draft, expected=(DraftStatus.AWAITING_SIGNOFF,))


def letter_draft_mark_issued(*, draft: LetterDraft, acting_user: User) -> LetterDraft:
    """Record 签发 of a locked draft whose decision has just run. Expects that transaction open."""
    before = draft.status
    draft.status, draft.signed_by, draft.signed_at = DraftStatus.ISSUED, acting_user, clock.now()
    draft.save(update_fields=["status", "signed_by", "signed_at"])
    _audit(draft, "draft_sign", acting_user, before=before,
           reason=f"拟稿：{draft.drafted_by}；审核：{draft.reviewed_by}；签发：{acting_user}",
           drafted_by=draft.drafted_by_id, reviewed_by=draft.reviewed_by_id, signed_by=acting_user.pk)
    return draft


@transaction.atomic
def letter_draft_withdraw(*, draft: LetterDraft, comment: str = "", acting_user: User) -> LetterDraft:
    """撤销 a draft not signed off yet (the case took another course); nothing was issued."""
    text_check(comment=(comment, LONG_TEXT_MAX))
    if not draft_withdraw_may(acting_user, draft):
        raise NotPermittedError("只有拟稿人可以撤销该文书稿。")
    draft = _lock(draft, expected=OPEN_DRAFT_STATUSES)
    before = draft.status
    draft.status = DraftStatus.WITHDRAWN
    draft.save(update_fields=["status"])
    text = _comment(draft, step=DraftStep.WITHDRAW, author=acting_user, text=comment)
    _audit(draft, "draft_withdraw", acting_user, before=before, reason=text)
    return draft


def letter_draft_end_with_case(*, case, acting_user: User | None) -> LetterDraft | None:
    """撤销 the open draft of a case that has just ended some other way (the subject withdrew):
    nothing was issued, and no reviewer or signer should find it waiting for a case that is over.
    Expects the transaction of the step that ended the case; answers the draft it withdrew."""
    from casework.case_kinds import CASE_MODELS

    draft = case_open_draft(case)
    if draft is None:
        return None
    status = type(case).objects.filter(pk=case.pk).values_list("status", flat=True).get()
    if status in CASE_MODELS[type(case)].open_statuses:
        return None
    draft = _lock(draft, expected=OPEN_DRAFT_STATUSES)
    before = draft.status
    draft.status = DraftStatus.WITHDRAWN
    draft.save(update_fields=["status"])
    label = dict(type(case)._meta.get_field("status").choices).get(status, status)
    _audit(draft, "draft_withdraw", acting_user, before=before,
           reason=f"案件已{label}，文书稿随之撤销，未出具文书", ended_with_case=True)
    return draft
