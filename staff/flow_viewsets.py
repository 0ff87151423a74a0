"""viewflow's flow application, narrowed to the cases a user may see.

viewflow checks its pages at the flow level (and `casework.backends` grants
`view_*process` model-wide, so even an object check never looks at the
object); its lists show every process and task of the flow. Here every page
`FlowAppViewset` exposes goes through `workflows.flow_scope`:

- every URL with a `process_pk` (process detail, cancel, chart, every task
  page) answers 404 unless the process is one the user may see, and, with a
  `task_pk`, unless the task belongs to that very process: viewflow loads the
  task by its pk alone and uses the URL's process only for the POST lock;
- the dashboard, process list, task list, inbox, queue, archive and the bulk
  assign/unassign pages keep only tasks and processes of visible cases.

A case the user may not see answers 404, never 403, so that a number or pk
does not reveal that the case exists.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.urls import URLPattern, URLResolver
from django.utils.decorators import method_decorator
from viewflow.workflow import STATUS, chart
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow import FlowAppViewset, views

from workflows.flow_scope import may_view_process, visible_processes, visible_tasks


class _VisibleTasksMixin:
    """A task list view whose rows are tasks of processes the user may see."""

    def get_queryset(self):
        return visible_tasks(self.flow_class, self.request.user, super().get_queryset())


class ScopedTaskListView(_VisibleTasksMixin, views.DashboardTaskListView):
    pass


class ScopedInboxListView(_VisibleTasksMixin, views.FlowInboxListView):
    pass


class ScopedQueueListView(_VisibleTasksMixin, views.FlowQueueListView):
    pass


class ScopedArchiveListView(_VisibleTasksMixin, views.FlowArchiveListView):
    pass


class _ScopedBulkMixin:
    flow_class = None  # so that the viewset passes it (filter_kwargs keeps known attributes only)

    @method_decorator(login_required)  # viewflow's bulk views have no login check of their own
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.object_list = visible_tasks(self.flow_class, self.request.user, super().get_queryset())
        return self.object_list


class ScopedBulkAssignView(_ScopedBulkMixin, views.BulkAssignTasksActionView):
    pass


class ScopedBulkUnassignView(_ScopedBulkMixin, views.BulkUnassignTasksActionView):
    pass


class ScopedProcessListView(views.DashboardProcessListView):
    def get_queryset(self):
        queryset = visible_processes(self.flow_class, self.request.user, super().get_queryset())
        # viewflow's own list comes unordered unless the user sorts it: newest first pages stably.
        return queryset if queryset.ordered else queryset.order_by("-created")


class ScopedDashboardView(views.DashboardView):
    """viewflow's kanban dashboard with each column's tasks narrowed to visible cases.

    viewflow has no hook for the dashboard's queryset (only a TODO in
    dashboard.py), so the columns are built here as viewflow builds them.
    """

    def get_context_data(self, **kwargs):
        sorted_nodes, _ = chart.topsort(self.flow_class)
        nodes = [node for node in sorted_nodes if node.task_type in ["HUMAN", "JOB", "SUBPROCESS"]]
        end_nodes = [node for node in sorted_nodes if node.task_type in ["END"]]
        start_nodes = [
            {"node": node, "can_execute": node.can_execute(self.request.user)}
            for node in self.flow_class.instance.get_start_nodes()
        ]
        available = visible_tasks(
            self.flow_class, self.request.user,
            self.flow_class.task_class._default_manager.filter_available([self.flow_class], self.request.user),
        )
        columns = [
            {
                "node": node,
                "node_ref": get_task_ref(node),
                "tasks": available.filter(
                    Q(finished__isnull=True) | Q(status=STATUS.ERROR), flow_task=node
                )[: self.MAX_ROWS],
            }
            for node in nodes
        ]
        finished = available.filter(finished__isnull=False, flow_task__in=end_nodes)[: self.MAX_ROWS]
        # Skip DashboardView's own get_context_data: it would build the unscoped columns.
        return super(views.DashboardView, self).get_context_data(
            columns=columns, start_nodes=start_nodes, end_nodes=end_nodes, finished=finished, **kwargs
        )


def _process_guard(flow_class, view):
    """`view`, answering 404 for a process the user may not see or a task of another process."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        process_pk = kwargs["process_pk"]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_view_process(flow_class, request.user, process_pk):
            raise Http404("没有找到该流程。")
        task_pk = kwargs.get("task_pk")
        if task_pk is not None and not flow_class.task_class._default_manager.filter(
            pk=task_pk, process_id=process_pk
        ).exists():
            raise Http404("没有找到该任务。")
        return view(request, *args, **kwargs)

    return guarded


def _guard_patterns(flow_class, patterns) -> None:
    """Wrap, in place, every URL below `patterns` whose route names a process."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _guard_patterns(flow_class, entry.url_patterns)
        elif isinstance(entry, URLPattern) and "process_pk" in entry.pattern.regex.groupindex:
            entry.callback = _process_guard(flow_class, entry.callback)


class ScopedFlowAppViewset(FlowAppViewset):
    """`FlowAppViewset` whose every page shows only the user's cases (see the module docstring)."""

    dashboard_view_class = ScopedDashboardView
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    inbox_view_class = ScopedInboxListView
    queue_view_class = ScopedQueueListView
    archive_view_class = ScopedArchiveListView
    tasks_assign_view_class = ScopedBulkAssignView
    tasks_unassign_view_class = ScopedBulkUnassignView

    def has_view_permission(self, user, obj=None):
        # Anonymous users pass here, as on the StaffSite, so that the pages send them to the
        # login page instead of a bare 403; every page still checks the flow itself.
        return not user.is_authenticated or super().has_view_permission(user, obj=obj)

    def _get_urls(self):
        patterns = super()._get_urls()
        _guard_patterns(self._flow_class, patterns)
        return patterns

    def get_context_data(self, request):
        # The menu's inbox and queue counts, of visible cases only.
        if not request.user.is_authenticated:
            return {}
        context = super().get_context_data(request)
        return {name: visible_tasks(self._flow_class, request.user, tasks) for name, tasks in context.items()}
