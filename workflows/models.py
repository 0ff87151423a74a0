from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class ObjectionProcess(Process):
    """The viewflow process of one objection; `artifact` is the ObjectionCase."""

    class Meta:
        proxy = True
        ordering = ["-created"]
        verbose_name = _("异议办理流程")
        verbose_name_plural = _("异议办理流程")


class RepairProcess(Process):
    """The viewflow process of one credit repair application; `artifact` is the RepairCase."""

    class Meta:
        proxy = True
        ordering = ["-created"]
        verbose_name = _("信用修复办理流程")
        verbose_name_plural = _("信用修复办理流程")


class RectificationProcess(Process):
    """The viewflow process of one rectification order; `artifact` is the RectificationCase."""

    class Meta:
        proxy = True
        ordering = ["-created"]
        verbose_name = _("整改办理流程")
        verbose_name_plural = _("整改办理流程")
