from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Every page the handling departments, supervisors and administrators work in:
    one viewflow Site, one theme, one menu (queue, case pages, calendar management,
    supervision, the platform exchange's operations)."""

    name = "staff"
    verbose_name = "工作人员站点"
