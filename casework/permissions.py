"""Who may see what: the one place where object-level scoping is decided.

Every list, detail page, API endpoint and report filters through these
functions, so a scoping rule changes here and nowhere else.

- a subject officer sees its own subject's data and nothing else;
- a handler sees what its department determined or imposed; a department
  that operates a credit platform also sees the records of subjects in its
  jurisdiction and below, since objections may be lodged with the platform;
- a supervisor sees its jurisdiction and everything below it;
- an administrator sees everything.
"""

from django.db.models import Q, QuerySet

from casework.models import (
    CreditRecord,
    Department,
    Jurisdiction,
    MeasureLifting,
    ObjectionCase,
    PunishmentMeasure,
    RectificationCase,
    RepairCase,
    Role,
    Subject,
    User,
)


def jurisdiction_subtree(jurisdiction: Jurisdiction) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(path__startswith=jurisdiction.path)


def _sees_everything(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def _platform_subject_q(department: Department, prefix: str) -> Q:
    """Records of subjects in the platform department's jurisdiction subtree."""
    if not department.is_platform_operator:
        return Q(pk__in=[])
    return Q(**{f"{prefix}jurisdiction__path__startswith": department.jurisdiction.path})


def _scoped(user: User, qs: QuerySet, *, subject_field: str, path_field: str, handler_q) -> QuerySet:
    """Filter `qs` to what `user` may see: the same four rules for every model.

    `subject_field` leads to the subject's id, `path_field` to its
    jurisdiction's path, and `handler_q(department)` says what a department sees.
    """
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    if user.role == Role.SUBJECT_OFFICER:
        return qs.filter(**{subject_field: user.subject_id})
    if user.role == Role.HANDLER:
        return qs.filter(handler_q(user.department))
    if user.role == Role.SUPERVISOR:
        return qs.filter(**{f"{path_field}__startswith": user.jurisdiction.path})
    return qs.none()


def records_visible_to(user: User, queryset: QuerySet[CreditRecord] | None = None) -> QuerySet[CreditRecord]:
    def handler_q(dept):
        imposed = PunishmentMeasure.objects.filter(imposed_by_id=dept.pk).values("record_id")
        return Q(determined_by_id=dept.pk) | Q(pk__in=imposed) | _platform_subject_q(dept, "subject__")

    return _scoped(
        user, CreditRecord.objects.all() if queryset is None else queryset,
        subject_field="subject_id", path_field="subject__jurisdiction__path", handler_q=handler_q,
    )


def measures_visible_to(
    user: User, queryset: QuerySet[PunishmentMeasure] | None = None
) -> QuerySet[PunishmentMeasure]:
    def handler_q(dept):
        return (
            Q(imposed_by_id=dept.pk) | Q(record__determined_by_id=dept.pk)
            | _platform_subject_q(dept, "record__subject__")
        )

    return _scoped(
        user, PunishmentMeasure.objects.all() if queryset is None else queryset,
        subject_field="record__subject_id", path_field="record__subject__jurisdiction__path", handler_q=handler_q,
    )


def subjects_visible_to(user: User, queryset: QuerySet[Subject] | None = None) -> QuerySet[Subject]:
    return _scoped(
        user, Subject.objects.all() if queryset is None else queryset,
        subject_field="pk", path_field="jurisdiction__path",
        handler_q=lambda dept: Q(pk__in=records_visible_to(user).values("subject_id")),
    )


def can_view_record(user: User, record: CreditRecord) -> bool:
    return records_visible_to(user).filter(pk=record.pk).exists()


def can_view_measure(user: User, measure: PunishmentMeasure) -> bool:
    return measures_visible_to(user).filter(pk=measure.pk).exists()


def can_view_subject(user: User, subject: Subject) -> bool:
    return subjects_visible_to(user).filter(pk=subject.pk).exists()


def is_staff_role(user: User) -> bool:
    """Handlers, supervisors and administrators work in the staff UI."""
    return user.is_authenticated and (
        user.is_superuser or user.role in (Role.HANDLER, Role.SUPERVISOR, Role.ADMINISTRATOR)
    )


def objections_visible_to(user: User, queryset: QuerySet[ObjectionCase] | None = None) -> QuerySet[ObjectionCase]:
    """Subjects see their own cases; departments the cases they handle, verify
    or must lift a measure for; supervisors their subtree."""
    def handler_q(dept):
        lifting_case_ids = MeasureLifting.objects.filter(
            department_id=dept.pk, case_type__model="objectioncase"
        ).values("case_id")
        return Q(handling_department_id=dept.pk) | Q(determining_department_id=dept.pk) | Q(pk__in=lifting_case_ids)

    return _scoped(
        user, ObjectionCase.objects.all() if queryset is None else queryset,
        subject_field="subject_id", path_field="subject__jurisdiction__path", handler_q=handler_q,
    )


# Which party acts at each step of an objection. The handling department (the
# determining department, or the platform the objection was lodged with)
# answers for the case; the determining department verifies and decides.
_HANDLING_ACTIONS = {"accept", "reject", "request_materials", "start_verification", "reply", "send_feedback"}
_DETERMINING_ACTIONS = {"decide", "correct_record"}
_SUBJECT_ACTIONS = {"supply_materials", "withdraw"}


def objection_actor_may(user: User, case: ObjectionCase, action: str) -> bool:
    """May `user` take `action` on `case` (role and scope only; the state is checked by the FSM)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if action in _SUBJECT_ACTIONS:
        return user.role == Role.SUBJECT_OFFICER and user.subject_id == case.subject_id
    if user.role != Role.HANDLER:
        return False
    if action in _HANDLING_ACTIONS:
        return user.department_id == case.handling_department_id
    if action in _DETERMINING_ACTIONS:
        return user.department_id == case.determining_department_id
    if action == "confirm_report":
        return user.department_id in (case.handling_department_id, case.determining_department_id)
    return False


def lifting_actor_may(user: User, lifting: MeasureLifting) -> bool:
    """Only the department that imposed a measure confirms that it is lifted."""
    return (
        user.is_authenticated and user.is_active and user.role == Role.HANDLER
        and user.department_id == lifting.department_id
    )


def repairs_visible_to(user: User, queryset: QuerySet[RepairCase] | None = None) -> QuerySet[RepairCase]:
    """Subjects see their own applications; departments those they review or
    must adjust a measure for, and the office hearing an appeal against one (it reviews
    the application's materials); supervisors their subtree."""
    def handler_q(dept):
        from casework.models import RepairAppeal

        lifting_case_ids = MeasureLifting.objects.filter(
            department_id=dept.pk, case_type__model="repaircase"
        ).values("case_id")
        appealed_ids = RepairAppeal.objects.filter(handling_office_id=dept.pk).values("repair_id")
        return Q(determining_department_id=dept.pk) | Q(pk__in=lifting_case_ids) | Q(pk__in=appealed_ids)

    return _scoped(
        user, RepairCase.objects.all() if queryset is None else queryset,
        subject_field="subject_id", path_field="subject__jurisdiction__path", handler_q=handler_q,
    )


_REPAIR_SUBJECT_ACTIONS = {"supply_materials", "withdraw"}
_REPAIR_DETERMINING_ACTIONS = {"request_materials", "decide", "confirm_report"}


def _subject_or_department_may(user: User, action: str, *, subject_id: int, subject_actions: set,
                               department_id: int, department_actions: set) -> bool:
    """The rule of a kind whose steps are the subject's or one department's: the subject's officer
    takes `subject_actions`, a handler of that department `department_actions`, nobody anything else."""
    if not user.is_authenticated or not user.is_active:
        return False
    if action in subject_actions:
        return user.role == Role.SUBJECT_OFFICER and user.subject_id == subject_id
    if action in department_actions:
        return user.role == Role.HANDLER and user.department_id == department_id
    return False


def repair_actor_may(user: User, case: RepairCase, action: str) -> bool:
    """May `user` take `action` on the repair `case` (role and scope only)?"""
    return _subject_or_department_may(
        user, action, subject_id=case.subject_id, subject_actions=_REPAIR_SUBJECT_ACTIONS,
        department_id=case.determining_department_id, department_actions=_REPAIR_DETERMINING_ACTIONS)


def rectifications_visible_to(
    user: User, queryset: QuerySet[RectificationCase] | None = None
) -> QuerySet[RectificationCase]:
    """Governments see the orders addressed to them; a supervisor office the
    orders it gave; supervisors their subtree."""
    return _scoped(
        user, RectificationCase.objects.all() if queryset is None else queryset,
        subject_field="subject_id", path_field="subject__jurisdiction__path",
        handler_q=lambda dept: Q(supervisor_office_id=dept.pk),
    )


_RECTIFICATION_SUBJECT_ACTIONS = {"explain", "submit_plan", "report_progress", "complete"}
_RECTIFICATION_OFFICE_ACTIONS = {"accept", "return_for_rework", "record_accountability"}


def supervisor_office_may_order(user: User, subject: Subject) -> bool:
    """A supervisor office's handler orders governments in its jurisdiction and below."""
    return (
        user.is_authenticated and user.is_active and user.role == Role.HANDLER and user.department_id is not None
        and user.department.is_supervisor_office
        and subject.jurisdiction.path.startswith(user.department.jurisdiction.path)
    )


def rectification_actor_may(user: User, case: RectificationCase, action: str) -> bool:
    """May `user` take `action` on the rectification `case` (role and scope only)?"""
    return _subject_or_department_may(
        user, action, subject_id=case.subject_id, subject_actions=_RECTIFICATION_SUBJECT_ACTIONS,
        department_id=case.supervisor_office_id, department_actions=_RECTIFICATION_OFFICE_ACTIONS)


def _complaint_handler_q(dept) -> Q:
    # The handling office; the department it was transferred to sees the complaint (never
    # who made it: complaint_identity_visible_to).
    return Q(handling_office_id=dept.pk) | Q(transferred_to_id=dept.pk)


def complaints_visible_to(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The handling office and the department a complaint was transferred to; supervisors
    their subtree. The body complained about never sees the complaint itself."""
    from casework.models import ComplaintCase

    qs = ComplaintCase.objects.all() if queryset is None else queryset
    if user.is_authenticated and user.role == Role.SUBJECT_OFFICER and not _sees_everything(user):
        return qs.none()
    return _scoped(user, qs, subject_field="subject_id", path_field="subject__jurisdiction__path",
                   handler_q=_complaint_handler_q)


def complaint_identity_visible_to(user: User, case) -> bool:
    """The complainant's name and contact: the handling office's handlers and administrators only."""
    if not user.is_authenticated or not user.is_active:
        return False
    if _sees_everything(user):
        return True
    return user.role == Role.HANDLER and user.department_id == case.handling_office_id


_COMPLAINT_OFFICE_ACTIONS = {"accept", "not_accept", "transfer", "record_findings", "answer", "close", "link"}


def complaint_actor_may(user: User, case, action: str) -> bool:
    """The handling office takes every step; a department it was transferred to records its findings."""
    if not user.is_authenticated or not user.is_active or user.role != Role.HANDLER:
        return False
    if action == "record_findings" and case.transferred_to_id and user.department_id == case.transferred_to_id:
        return True
    return action in _COMPLAINT_OFFICE_ACTIONS and user.department_id == case.handling_office_id


def _appeal_handler_q(dept) -> Q:
    # The office hearing the appeal; the department whose repair decision is appealed follows
    # it (it is told the outcome and may have to decide again).
    return Q(handling_office_id=dept.pk) | Q(repair__determining_department_id=dept.pk)


def appeals_visible_to(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """Subjects their own appeals; the hearing office and the department that decided the
    repair; supervisors their subtree."""
    from casework.models import RepairAppeal

    return _scoped(user, RepairAppeal.objects.all() if queryset is None else queryset,
                   subject_field="subject_id", path_field="subject__jurisdiction__path",
                   handler_q=_appeal_handler_q)


_APPEAL_OFFICE_ACTIONS = {"accept", "not_accept", "decide"}


def appeal_actor_may(user: User, case, action: str) -> bool:
    """The hearing office accepts and decides; the subject withdraws its own appeal."""
    if not user.is_authenticated or not user.is_active:
        return False
    if action == "withdraw":
        return user.role == Role.SUBJECT_OFFICER and user.subject_id == case.subject_id
    return (action in _APPEAL_OFFICE_ACTIONS and user.role == Role.HANDLER
            and user.department_id == case.handling_office_id)


# 审核 and 签发 of a decision letter (casework.models.signoffs): a handler of the drafting
# department with the right, never over a draft they wrote; the signer is a third person,
# not the reviewer, so a letter always passes two pairs of eyes besides the drafter's.
def _department_handler(user: User, draft) -> bool:
    return (user.is_authenticated and user.is_active and user.role == Role.HANDLER
            and user.department_id == draft.department_id)


def draft_review_may(user: User, draft) -> bool:
    """May `user` approve or return `draft` at 审核?"""
    return _department_handler(user, draft) and user.may_review and user.pk != draft.drafted_by_id


def draft_signoff_may(user: User, draft) -> bool:
    """May `user` sign off (签发) or return `draft`?"""
    return (_department_handler(user, draft) and user.may_sign_off
            and user.pk not in (draft.drafted_by_id, draft.reviewed_by_id))


def draft_edit_may(user: User, draft) -> bool:
    """May `user` resubmit or withdraw `draft`: a handler of its department other than its reviewers."""
    return _department_handler(user, draft)


def draft_withdraw_may(user: User, draft) -> bool:
    """May `user` withdraw (撤销) `draft`: its drafter only, while it is still in their department."""
    return _department_handler(user, draft) and user.pk == draft.drafted_by_id
