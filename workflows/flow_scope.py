"""Which viewflow processes and tasks a user may see: those of the cases
`casework.permissions` lets the user see, and no others.

viewflow's own pages (process and task pages, chart, dashboard, lists, inbox,
queue, archive) ask the flow, and the flow asks the one function of its case
kind below; the case kind's rule itself stays in `casework.permissions`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from viewflow.workflow.models import Process, Task

from casework import permissions
from casework.models import ObjectionCase, RectificationCase, RepairCase, User


def _processes_of(model, cases: QuerySet) -> QuerySet[Process]:
    return Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(model),
        artifact_object_id__in=cases.values("pk"),
    )


def objection_processes_visible_to(user: User) -> QuerySet[Process]:
    """Processes whose objection is in `objections_visible_to(user)`."""
    return _processes_of(ObjectionCase, permissions.objections_visible_to(user))


def repair_processes_visible_to(user: User) -> QuerySet[Process]:
    """Processes whose repair application is in `repairs_visible_to(user)`."""
    return _processes_of(RepairCase, permissions.repairs_visible_to(user))


def rectification_processes_visible_to(user: User) -> QuerySet[Process]:
    """Processes whose rectification order is in `rectifications_visible_to(user)`."""
    return _processes_of(RectificationCase, permissions.rectifications_visible_to(user))


def visible_processes(flow_class, user: User, queryset: QuerySet | None = None) -> QuerySet:
    """`queryset` (the flow's processes by default) narrowed to what `user` may see."""
    if queryset is None:
        queryset = flow_class.process_class._default_manager.filter(flow_class=flow_class)
    return queryset.filter(pk__in=flow_class.processes_visible_to(user).values("pk"))


def visible_tasks(flow_class, user: User, queryset: QuerySet | None = None) -> QuerySet[Task]:
    """`queryset` (the flow's tasks by default) narrowed to tasks of processes `user` may see."""
    if queryset is None:
        queryset = flow_class.task_class._default_manager.filter(process__flow_class=flow_class)
    return queryset.filter(process_id__in=flow_class.processes_visible_to(user).values("pk"))


def may_view_process(flow_class, user: User, process_pk) -> bool:
    return flow_class.processes_visible_to(user).filter(pk=process_pk, flow_class=flow_class).exists()


def complaint_processes_visible_to(user: User) -> QuerySet[Process]:
    """Processes whose complaint is in `complaints_visible_to(user)`."""
    from casework.models import ComplaintCase

    return _processes_of(ComplaintCase, permissions.complaints_visible_to(user))


def appeal_processes_visible_to(user: User) -> QuerySet[Process]:
    """Processes whose appeal is in `appeals_visible_to(user)`."""
    from casework.models import RepairAppeal

    return _processes_of(RepairAppeal, permissions.appeals_visible_to(user))
