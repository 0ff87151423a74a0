"""Which viewflow processes and tasks a user may see: those of the cases
`casework.permissions` lets the user see, and no others.

viewflow's own pages (process and task pages, chart, dashboard, lists, inbox,
queue, archive) ask the flow, and the flow asks `processes_visible_to` for its
case kind; the case kind's rule itself stays in `casework.permissions` (named
for each kind in `casework.case_kinds`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from viewflow.workflow.models import Process, Task

from casework.case_kinds import CASE_MODELS
from casework.models import User


def _processes_of(model, cases: QuerySet) -> QuerySet[Process]:
    return Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(model),
        artifact_object_id__in=cases.values("pk"),
    )


def processes_visible_to(model, user: User) -> QuerySet[Process]:
    """Processes whose case, of `model`, is one the kind's scope rule lets `user` see
    (`objections_visible_to`, `repairs_visible_to`, … in casework.permissions)."""
    return _processes_of(model, CASE_MODELS[model].visible_to(user))


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

