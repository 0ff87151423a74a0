"""Evidence files and the request for supplementary materials (补正), shared by
the case kinds: the case's own clock (reply, review) stops while the subject
gathers the materials and runs again from the day after they arrive, or from
the day after the supply limit lapsed (`materials_lapse`): the letter promises
that the department then goes on with what it has, so no case waits forever."""

import datetime

from django.core.files import File
from django.db import transaction

from calendars import clock
from casework.classification import refuse_classified
from casework.errors import DomainError
from casework.evidence import check_upload_count, display_name, inspect_upload, stored_name
from casework.limits import LIST_TEXT_MAX, SHORT_TEXT_MAX, limit, text_check
from casework.models import (
    Deadline,
    EvidenceFile,
    ObjectionCase,
    ObjectionStatus,
    RectificationCase,
    RepairAppeal,
    RepairCase,
    RepairStatus,
    User,
)
from casework.models.deadlines import DeadlineKind
from casework.services import deadlines as deadline_services
from casework.services import followup
from casework.services.transitions import lock_case, transit
from letters.templatetags.letters_pdf import cn_date

# Which EvidenceFile link holds each case kind's files.
_EVIDENCE_LINK = {ObjectionCase: "case", RepairCase: "repair", RectificationCase: "rectification",
                  RepairAppeal: "appeal"}
# The clock each case kind stops while the materials are awaited.
_CLOCK_KIND = {ObjectionCase: DeadlineKind.REPLY, RepairCase: DeadlineKind.REPAIR_REVIEW}
_AWAITING = {ObjectionCase: ObjectionStatus.AWAITING_MATERIALS, RepairCase: RepairStatus.AWAITING_MATERIALS}
LAPSE_REASON = "逾期未补正，依据现有材料办理"


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


def materials_last_day(deadline) -> datetime.date:
    """The last day the subject may supply: the later of the legal date and the date
    the letter told it, since a calendar change must not shorten what it was promised."""
    return max(day for day in (deadline.due_date, deadline.stated_due_date) if day is not None)


def materials_lapsed(deadline) -> bool:
    """Whether the supply limit passed without the materials (the daily lapse closed it
    after its last day; a supply or a withdrawal closes it on or before)."""
    return deadline.met_on is not None and deadline.met_on > materials_last_day(deadline)


def _refuse_if_lapsed(case, today: datetime.date) -> None:
    """Supplying after the limit is refused in words the subject understands, whether
    the daily lapse has run yet (the case still waits) or has (it is back in hand)."""
    deadline = followup.case_deadline(case, DeadlineKind.MATERIALS)
    if deadline is None:
        return
    last = materials_last_day(deadline)
    waiting = case.status == _AWAITING[type(case)]
    lapsed = (deadline.is_open and today > last) or (not waiting and materials_lapsed(deadline))
    if lapsed:
        raise DomainError(f"补正期限已于{cn_date(last)}届满，本单位依据现有材料办理，不再接收补正材料。"
                          "如有新的事实和理由，可另行提出申请。")


@transaction.atomic
def materials_lapse(*, case, today: datetime.date, acting_user: User | None = None):
    """The supply limit has passed without the materials: the case goes back in hand.

    The materials deadline is closed, the case returns to where the request came
    from (verification, review) and its clock runs again from the day after the
    last day to supply, with the working days it had left when it stopped, however
    late the daily job runs. `acting_user` is None: the system takes the step.
    """
    case = lock_case(case)
    deadline = followup.open_deadline(case, DeadlineKind.MATERIALS)
    if deadline is None:
        raise DomainError("该案件没有进行中的补正期限。")
    last = materials_last_day(deadline)
    if today <= last:
        raise DomainError(f"补正期限至{cn_date(last)}，尚未届满。")
    transit(case, "lapse_materials", acting_user=acting_user, reason=LAPSE_REASON,
            details={"materials_due_on": last.isoformat()})
    deadline_services.deadline_meet(deadline=deadline, at=clock.now(), acting_user=acting_user)
    clock_deadline = followup.open_deadline(case, _CLOCK_KIND[type(case)])
    if clock_deadline is not None and clock_deadline.is_paused:
        deadline_services.deadline_resume(deadline=clock_deadline, on=last, acting_user=acting_user)
    return case


@transaction.atomic
def materials_supply(*, case, files=(), note: str = "", clock_kind: str, acting_user: User):
    """The subject supplies the materials, on the last day at the latest; the case's
    clock runs again from the next day."""
    _refuse_if_lapsed(case, clock.today())
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


def materials_lapsed_cases(*, today: datetime.date) -> list:
    """The cases whose supply limit has passed without the materials (for the daily lapse)."""
    deadlines = Deadline.objects.filter(
        kind=DeadlineKind.MATERIALS, met_at__isnull=True, due_date__lt=today,
    ).select_related("owner_type").order_by("due_date", "pk")
    return [d.owner for d in deadlines if materials_last_day(d) < today and type(d.owner) in _CLOCK_KIND]
