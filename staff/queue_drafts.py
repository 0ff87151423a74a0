"""The queue's drafts: decision letters of the department on their way through 审核 and 签发,
what each waits for and whom, those waiting for the person looking first."""

from django.contrib.contenttypes.models import ContentType

from casework.models import OPEN_DRAFT_STATUSES, DraftStatus, LetterDraft
from casework.permissions import draft_edit_may, draft_review_may, draft_signoff_may
from staff.kinds import KINDS

WAITS_FOR = {DraftStatus.IN_REVIEW: "审核人", DraftStatus.AWAITING_SIGNOFF: "签发人",
             DraftStatus.RETURNED: "承办人修改"}


def _waits_for_user(draft, user) -> bool:
    if draft.status == DraftStatus.IN_REVIEW:
        return draft_review_may(user, draft)
    if draft.status == DraftStatus.AWAITING_SIGNOFF:
        return draft_signoff_may(user, draft)
    return draft.drafted_by_id == user.pk and draft_edit_may(user, draft)


def department_open_drafts(user) -> list[LetterDraft]:
    """The open drafts of `user`'s department, oldest first (one query)."""
    if user.department_id is None:
        return []
    return list(LetterDraft.objects.filter(department_id=user.department_id, status__in=OPEN_DRAFT_STATUSES)
                .select_related("drafted_by", "reviewed_by").order_by("submitted_at", "pk"))


def draft_rows(user, drafts, *, case_urls) -> list[dict]:
    """The rows of `drafts` (`department_open_drafts`): one query per kind for their cases."""
    kinds = {ContentType.objects.get_for_model(kind.model).pk: kind for kind in KINDS.values()}
    cases = {}
    for type_id, kind in kinds.items():
        ids = [draft.case_id for draft in drafts if draft.case_type_id == type_id]
        if ids:
            cases.update({(type_id, pk): case
                          for pk, case in kind.model.objects.select_related("subject").in_bulk(ids).items()})
    rows = []
    for draft in drafts:
        case, kind = cases.get((draft.case_type_id, draft.case_id)), kinds.get(draft.case_type_id)
        if case is None or kind is None:
            continue
        rows.append({"draft": draft, "case": case, "kind": kind, "case_url": case_urls[kind.code].format(case.number),
                     "waits_for": WAITS_FOR[draft.status], "mine": _waits_for_user(draft, user)})
    return sorted(rows, key=lambda row: not row["mine"])  # stable: oldest first within each group


def draft_labels(drafts) -> dict:
    """{(kind code, case pk): status label} of `drafts`, for the task rows of their cases."""
    by_type = {ContentType.objects.get_for_model(kind.model).pk: kind.code for kind in KINDS.values()}
    return {(by_type[d.case_type_id], d.case_id): d.get_status_display() for d in drafts if d.case_type_id in by_type}
