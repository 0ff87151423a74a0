"""Reads for the delivery worker and the operations page."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from casework.models import Deadline, PlatformReport, PlatformReportStatus, Role, Subject, User
from casework.models.deadlines import DeadlineKind
from exchange.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryState

ATTEMPTS_SHOWN = 10


def jurisdiction_chain(path: str) -> list[str]:
    """The paths of a jurisdiction and of every one above it.

    "220000/220100/" → ["220000/", "220000/220100/"]
    """
    parts = [part for part in path.split("/") if part]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def supervisors_for_subject(subject: Subject) -> QuerySet[User]:
    """Active supervisors whose jurisdiction is the subject's or one above it."""
    return User.objects.filter(
        role=Role.SUPERVISOR, is_active=True,
        jurisdiction__path__in=jurisdiction_chain(subject.jurisdiction.path),
    ).order_by("username")


def _administers(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def user_may_see_operations(user: User) -> bool:
    """Administrators and supervisors watch the deliveries; handlers confirm by hand on the case page."""
    return user.is_authenticated and (_administers(user) or _supervises(user))


def _supervises(user: User) -> bool:
    return user.is_active and user.role == Role.SUPERVISOR and user.jurisdiction_id is not None


def user_may_operate(user: User, report: PlatformReport) -> bool:
    """Whether `user` may ask for `report` to be sent again.

    An administrator may, and a supervisor whose jurisdiction is the subject's or above it.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if _administers(user):
        return True
    return _supervises(user) and report.subject.jurisdiction.path.startswith(user.jurisdiction.path)


def reports_visible_to(user: User) -> QuerySet[PlatformReport]:
    qs = PlatformReport.objects.all()
    if not user_may_see_operations(user):
        return qs.none()
    if _administers(user):
        return qs
    return qs.filter(subject__jurisdiction__path__startswith=user.jurisdiction.path)


def operations_rows(user: User) -> dict[str, list[dict]]:
    """The reports still on the way by state (pending, delivering, failed), oldest first, with attempts.

    A pending report the worker has not picked up yet has no delivery: it
    shows as pending, with no attempt.
    """
    open_delivery = Delivery.objects.filter(report_id=OuterRef("pk"), state__in=[
        DeliveryState.PENDING, DeliveryState.DELIVERING, DeliveryState.FAILED,
    ])
    no_delivery = ~Exists(Delivery.objects.filter(report_id=OuterRef("pk")))
    unsent = Q(status__in=[PlatformReportStatus.PENDING, PlatformReportStatus.FAILED]) & no_delivery
    newest_first = DeliveryAttempt.objects.order_by("-number")
    reports = list(
        reports_visible_to(user)
        .filter(Exists(open_delivery) | unsent)
        .select_related("subject", "record", "delivery")
        .prefetch_related("case",
                          Prefetch("delivery_attempts", queryset=newest_first, to_attr="attempts_desc"))
        .order_by("created_at", "id")
    )
    dues = _report_due_dates([report.pk for report in reports])
    sections = {DeliveryState.PENDING: [], DeliveryState.DELIVERING: [], DeliveryState.FAILED: []}
    for report in reports:
        delivery = getattr(report, "delivery", None)
        state = delivery.state if delivery is not None else (
            DeliveryState.FAILED if report.status == PlatformReportStatus.FAILED else DeliveryState.PENDING
        )
        case = report.case
        sections[state].append({
            "report": report, "delivery": delivery, "case": case,
            "due": dues.get(report.pk), "attempts": report.attempts_desc[:ATTEMPTS_SHOWN],
            "more_attempts": max(0, len(report.attempts_desc) - ATTEMPTS_SHOWN),
            "retryable": state != DeliveryState.DELIVERING,
        })
    return {str(state): rows for state, rows in sections.items()}


def _report_due_dates(ids) -> dict[int, datetime.date]:
    rows = Deadline.objects.filter(
        owner_type=ContentType.objects.get_for_model(PlatformReport), owner_id__in=list(ids),
        kind=DeadlineKind.PROVINCIAL_REPORT,
    ).values_list("owner_id", "due_date")
    return dict(rows)


def recently_delivered(user: User, *, limit: int = 10) -> list[PlatformReport]:
    return list(
        reports_visible_to(user).filter(status=PlatformReportStatus.DELIVERED)
        .select_related("subject", "record").order_by("-delivered_at", "-id")[:limit]
    )


_FAILURES = [outcome for outcome in AttemptOutcome.values
             if outcome not in (AttemptOutcome.ACKNOWLEDGED, AttemptOutcome.IN_FLIGHT)]


def platform_state(*, now: datetime.datetime) -> dict:
    """How the platform has been answering: last success, last failure, counts.

    About the platform, not about cases, so the same for every viewer.
    """
    attempts = DeliveryAttempt.objects.all()
    last_success = attempts.filter(outcome=AttemptOutcome.ACKNOWLEDGED).order_by("-finished_at", "-id")
    last_failure = attempts.filter(outcome__in=_FAILURES).order_by("-finished_at", "-id")
    states = dict(Delivery.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    since = now - datetime.timedelta(hours=24)
    recent = dict(
        attempts.filter(started_at__gte=since).values_list("outcome").annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    return {
        "last_success": last_success.first(),
        "last_failure": last_failure.first(),
        "states": [(DeliveryState(state).label, states.get(state, 0)) for state in DeliveryState.values],
        "recent": [(AttemptOutcome(outcome).label, n) for outcome, n in sorted(recent.items())],
        "recent_total": sum(recent.values()),
        "waiting_for_worker": PlatformReport.objects.filter(status=PlatformReportStatus.PENDING).exclude(
            Exists(Delivery.objects.filter(report_id=OuterRef("pk")))
        ).count(),
    }
