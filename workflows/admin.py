"""viewflow's process and task pages in the admin, made read-only.

viewflow registers editable admins for `Process` and `Task` (viewflow/workflow/admin.py):
anyone with the model permissions could change a task's status or owner, or delete a
process, behind the flows' and the case services' back. A flow moves only through its
nodes, which call the casework services; here the rows are only shown.
"""

from django.contrib import admin
from viewflow.workflow import admin as viewflow_admin  # registers viewflow's own admins first
from viewflow.workflow.models import Process, Task

from ops.read_only_admin import ReadOnlyAdminMixin


class TaskInline(ReadOnlyAdminMixin, viewflow_admin.TaskInline):
    pass


class ProcessAdmin(ReadOnlyAdminMixin, viewflow_admin.ProcessAdmin):
    inlines = [TaskInline]


class TaskAdmin(ReadOnlyAdminMixin, viewflow_admin.TaskAdmin):
    pass


for model, model_admin in ((Process, ProcessAdmin), (Task, TaskAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
