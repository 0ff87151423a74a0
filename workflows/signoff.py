"""拟稿 → 审核 → 签发 of every action that names a decision letter (`Action.letter_kind`).

A handler's `act` on such an action does not run it: it dry-runs it (to check the state,
the user's right and the input, and to capture the letter it would issue), rolls that
back and stores a draft (casework.services.letter_drafts). A reviewer approves or
returns it; a signer's 签发 runs the action with the stored payload through the normal
path (`case_act`: service and flow in one transaction), then marks the draft issued. Until
then the case does not move, so its reply deadline runs until the letter is issued.

No case kind is named here: whatever entry declares a letter kind goes this way, unless
the drafting department allows one-step issue of that kind (`one_step_letter_kinds`).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from casework.models import LetterDraft, Role, User
from casework.services.case_letters import CapturedLetter, letters_captured
from casework.services.letter_drafts import (
    letter_draft_lock_for_signoff,
    letter_draft_mark_issued,
    letter_draft_submit,
)
from letters.services import letter_draft_pdf
from workflows.case_flow import case_act, official_language
from workflows.flows import flow_for_case


def signoff_required(entry, acting_user: User | None) -> bool:
    """Does `acting_user` taking `entry` draft it for 审核 and 签发 instead of running it?

    Only a department's handler drafts; the system and the API's other roles take no
    decision letters. A department allows one-step issue of the kinds it names."""
    if entry.letter_kind is None or acting_user is None or acting_user.role != Role.HANDLER:
        return False
    return entry.letter_kind not in (acting_user.department.one_step_letter_kinds or ())


# --- the payload, kept as JSON ---

def payload_encode(payload: dict) -> dict:
    """The form's data as JSON: dates tagged, so the service gets a date back at 签发."""
    return {key: _encode(value) for key, value in payload.items()}


def payload_decode(stored: dict) -> dict:
    return {key: _decode(value) for key, value in stored.items()}


def _encode(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return datetime.date.fromisoformat(value["$date"])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


# --- the dry run ---

class _RollBack(Exception):
    """Raised to undo a dry run: leaving `atomic()` by an exception discards its writes and on_commit hooks."""


def _fresh(case):
    return type(case).objects.get(pk=case.pk)


def _run_with_follow_up(case, entry, acting_user, payload):
    """The entry's service, then its `then` action when the same user may take it now."""
    from workflows.actions import action_named, allowed_action_names

    result = entry.service(case=case, acting_user=acting_user, **payload)
    if entry.then:
        case = _fresh(case)
        if entry.then in allowed_action_names(case, acting_user):
            action_named(case, entry.then).service(case=case, acting_user=acting_user)
    return result


def dry_run(*, case, entry, acting_user: User, payload: dict) -> CapturedLetter | None:
    """Run `entry` as `acting_user` with `payload` and undo it; return the letter of its kind it
    would issue. Raises the service's errors (state, right, input) as taking it would."""
    letters = []
    try:
        with official_language(), transaction.atomic(), letters_captured() as captured:
            _run_with_follow_up(case, entry, acting_user, payload)
            letters = list(captured)
            raise _RollBack
    except _RollBack:
        pass
    return next((letter for letter in letters if letter.kind == entry.letter_kind), None)


def draft_submit(*, case, entry, acting_user: User, payload: dict, note: str = "") -> LetterDraft:
    """Check the action as a dry run, then store (or resubmit) its draft for 审核."""
    with transaction.atomic():
        dry_run(case=case, entry=entry, acting_user=acting_user, payload=payload)
        return letter_draft_submit(case=case, action=entry.name, action_label=str(entry.label),
                                   letter_kind=entry.letter_kind, payload=payload_encode(payload), note=note,
                                   acting_user=acting_user)


def draft_preview_pdf(draft: LetterDraft) -> bytes | None:
    """The letter the draft would issue today, watermarked 草稿, unnumbered, unsealed; nothing stored.

    None when the action, run now, would issue no letter of its kind: the case moved on, or the
    letter is another department's (a platform replies to a determining department's conclusion)."""
    from workflows.actions import action_named

    case = draft.case
    entry = action_named(case, draft.action)
    letter = dry_run(case=case, entry=entry, acting_user=draft.drafted_by, payload=payload_decode(draft.payload))
    if letter is None:
        return None
    return letter_draft_pdf(issuer=letter.issuer, kind=letter.kind, addressee=letter.addressee,
                            context=letter.context)


def draft_sign(*, draft: LetterDraft, acting_user: User):
    """签发: run the drafted action as `acting_user` (and its `then` action, when theirs too), number
    and issue its letter and mark the draft issued, all in one transaction with the flow."""
    from workflows.actions import action_named

    case = draft.case
    entry = action_named(case, draft.action)
    payload = payload_decode(draft.payload)

    def signed(*, case, acting_user):
        locked = letter_draft_lock_for_signoff(draft=draft, acting_user=acting_user)
        result = _run_with_follow_up(case, entry, acting_user, payload)
        letter_draft_mark_issued(draft=locked, acting_user=acting_user)
        return result

    # The flow's task is the drafter's (they may hold it): the step completes in their name.
    return case_act(flow_for_case(case), case=case, service=signed, acting_user=acting_user, kwargs={},
                    flow_user=draft.drafted_by)
