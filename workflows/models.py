from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class CaseProcessMeta:
    """What every case kind's process proxy declares: a proxy of viewflow's Process, newest first."""

    proxy = True
    ordering = ["-created"]


class ObjectionProcess(Process):
    """The viewflow process of one objection; `artifact` is the ObjectionCase."""

    class Meta(CaseProcessMeta):
        verbose_name = verbose_name_plural = _("异议办理流程")


class RepairProcess(Process):
    """The viewflow process of one credit repair application; `artifact` is the RepairCase."""

    class Meta(CaseProcessMeta):
        verbose_name = verbose_name_plural = _("信用修复办理流程")


class RectificationProcess(Process):
    """The viewflow process of one rectification order; `artifact` is the RectificationCase."""

    class Meta(CaseProcessMeta):
        verbose_name = verbose_name_plural = _("整改办理流程")


class ComplaintProcess(Process):
    """The viewflow process of one complaint; `artifact` is the ComplaintCase."""

    class Meta(CaseProcessMeta):
        verbose_name = verbose_name_plural = _("投诉办理流程")


class AppealProcess(Process):
    """The viewflow process of one appeal against a repair decision; `artifact` is the RepairAppeal."""

    class Meta(CaseProcessMeta):
        verbose_name = verbose_name_plural = _("信用修复申诉办理流程")
