from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.bases import CaseLink, done_by


class CaseExtension(CaseLink):
    """The one extension (延期) of a case's time limit: which deadline, from and to which
    legal due date, by how many working days, why, who granted it and the notice that told
    the subject. Written only by `casework.services.extensions.case_extend`; never changed."""

    deadline = models.ForeignKey(
        "casework.Deadline", verbose_name=_("期限"), on_delete=models.PROTECT, related_name="extensions"
    )
    original_due_date = models.DateField(_("原到期日"))
    new_due_date = models.DateField(_("延长后到期日"))
    working_days = models.PositiveSmallIntegerField(_("延长工作日数"))
    reason = models.TextField(_("延长理由"))
    granted_by = done_by(_("办理人"))
    granted_at = models.DateTimeField(_("延长时间"))
    # The Beijing date of granted_at, so the reports count a period's extensions on a date column.
    granted_on = models.DateField(_("延长日期（北京时间）"))
    letter = models.ForeignKey(
        "letters.Letter", verbose_name=_("延期通知书"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("期限延长")
        verbose_name_plural = _("期限延长")
        ordering = ["granted_at", "id"]
        indexes = [models.Index(fields=["granted_on"])]
        constraints = [
            # One extension per case: the rule allows it once, and the database says so too.
            models.UniqueConstraint(fields=["case_type", "case_id"], name="one_extension_per_case"),
        ]

    def __str__(self):
        return f"{self.original_due_date:%Y-%m-%d} → {self.new_due_date:%Y-%m-%d}（{self.working_days}个工作日）"
