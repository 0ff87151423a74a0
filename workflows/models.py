from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class ObjectionProcess(Process):
    """The viewflow process of one objection; `artifact` is the ObjectionCase."""

    class Meta:
        proxy = True
        ordering = ["-created"]
        verbose_name = _("异议办理流程")
        verbose_name_plural = _("异议办理流程")
