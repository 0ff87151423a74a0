"""Evidence files and the request for supplementary materials (补正), shared by
the case kinds: the case's own clock (reply, review) stops while the subject
gathers the materials and runs again from the day after they arrive."""

from django.core.files import File
from django.db import transaction

from calendars import clock
from casework.classification import refuse_classified
from casework.errors import DomainError
from casework.evidence import check_upload_count, display_name, inspect_upload, stored_name
from casework.limits import LIST_TEXT_MAX, SHORT_TEXT_MAX, limit, text_check
from casework.models import EvidenceFile, ObjectionCase, RectificationCase, RepairCase, User
from casework.models.deadlines import DeadlineKind
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.transitions import lock_case, transit

# Which EvidenceFile link holds each case kind's files.
_EVIDENCE_LINK = {ObjectionCase: "case", RepairCase: "repair", RectificationCase: "rectification"}


def evidence_inspect(files) -> list[tuple]:
    """Check uploads before anything is written: count, size, type read from the content."""
    uploads = list(files)
    check_upload_count(uploads)
    return [(upload, *inspect_upload(upload)) for upload in uploads]


def evidence_store(*, case, inspected, purpose: str, acting_user: User) -> None:
    """Keep inspected uploads as the case's evidence; call inside the case's transaction.

    The storage name comes from the content (hash, detected type), never from
    the uploaded name, which is kept, cleaned, only to show.
    """
    link = _EVIDENCE_LINK[type(case)]
    for upload, content_type, size, sha256 in inspected:
        EvidenceFile.objects.create(
            **{link: case}, purpose=purpose,
            file=File(upload, name=stored_name(content_type=content_type, sha256=sha256)),
            original_name=display_name(upload.name), content_type=content_type, size=size, sha256=sha256,
            uploaded_by=acting_user,
        )


def materials_items(materials: str) -> list[str]:
    items = [line.strip(" -·•\t") for line in (materials or "").splitlines() if line.strip(" -·•\t")]
    if not items:
        raise DomainError({"materials": "请逐行列明需要补正的材料。"})
    return items


@transaction.atomic
def materials_request(*, case, materials: str, clock_kind: str, pause_reason: str, issue_letter,
                      acting_user: User):
    """Ask the subject for missing materials and stop the case's clock (`clock_kind`).

    `issue_letter(case, items, materials_deadline, clock_deadline, today)` issues
    the kind's own letter; it runs before the clock stops, so the letter can
    state the date as it stands (the pause then moves it by the days taken).
    """
    text_check(materials=(materials, LIST_TEXT_MAX))
    items = materials_items(materials)
    refuse_classified(texts={"materials": materials})
    case = lock_case(case)
    today = clock.today()
    transit(case, "request_materials", acting_user=acting_user, reason="；".join(items), materials="\n".join(items))
    materials_deadline = deadline_services.deadline_create(
        owner=case, kind=DeadlineKind.MATERIALS, start=today, working_days=limit("materials_working_days"),
        acting_user=acting_user,
    )
    clock_deadline = followup.open_deadline(case, clock_kind)
    issue_letter(case, items, materials_deadline, clock_deadline, today)
    deadline_services.deadline_state_in_letter(deadline=materials_deadline, acting_user=acting_user)
    if clock_deadline is not None and not clock_deadline.is_paused:
        deadline_services.deadline_pause(deadline=clock_deadline, on=today, acting_user=acting_user,
                                         reason=pause_reason)
    return case


@transaction.atomic
def materials_supply(*, case, files=(), note: str = "", clock_kind: str, acting_user: User):
    """The subject supplies the materials; the case's clock runs again from the next day."""
    text_check(note=(note, SHORT_TEXT_MAX))
    uploads = list(files)
    if not uploads and not (note or "").strip():
        raise DomainError({"evidence": "请上传补正材料或填写说明。"})
    refuse_classified(texts={"note": note})
    inspected = evidence_inspect(uploads)
    case = lock_case(case)
    transit(case, "supply_materials", acting_user=acting_user, reason=(note or "").strip(),
            details={"files": len(inspected)})
    evidence_store(case=case, inspected=inspected, purpose=EvidenceFile.Purpose.MATERIALS, acting_user=acting_user)
    followup.meet(case, DeadlineKind.MATERIALS, acting_user)
    clock_deadline = followup.open_deadline(case, clock_kind)
    if clock_deadline is not None and clock_deadline.is_paused:
        deadline_services.deadline_resume(deadline=clock_deadline, on=clock.today(),
                                          acting_user=acting_user)
    return case
