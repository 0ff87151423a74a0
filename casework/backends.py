"""Scope permissions as Django permissions, for viewflow's task queues.

viewflow offers a task to whoever `has_perm(task.owner_permission)`. A task
for a department carries "casework.department_<id>"; this backend grants
each user exactly the scope strings of its role, so viewflow's queue, inbox
and assignment checks follow `casework.permissions` without per-user rows.

`view_*process` is granted model-wide: it opens the flow's pages to staff
roles, nothing more. Which processes a user sees on them is decided per case
by `workflows.flow_scope` (through `casework.permissions`), never here.
"""

from casework.models import Role

FLOW_VIEW_PERMISSIONS = (
    "workflows.view_objectionprocess", "workflows.view_repairprocess", "workflows.view_rectificationprocess",
    "workflows.view_complaintprocess", "workflows.view_appealprocess",
)


def department_permission(department_id: int) -> str:
    return f"casework.department_{department_id}"


def subject_permission(subject_id: int) -> str:
    return f"casework.subject_{subject_id}"


class ScopeBackend:
    def authenticate(self, request, **credentials):
        return None  # permissions only; ModelBackend logs people in

    def get_all_permissions(self, user, obj=None):
        if not user.is_active or user.is_anonymous:
            return set()
        if user.role == Role.HANDLER and user.department_id:
            return {department_permission(user.department_id), *FLOW_VIEW_PERMISSIONS}
        if user.role == Role.SUPERVISOR:
            return set(FLOW_VIEW_PERMISSIONS)
        if user.role == Role.SUBJECT_OFFICER and user.subject_id:
            return {subject_permission(user.subject_id)}
        return set()

    def has_perm(self, user, perm, obj=None):
        return perm in self.get_all_permissions(user)
