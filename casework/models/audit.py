from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.bases import done_by


class AuditEntry(models.Model):
    """One line of a case's (or record's) audit trail: who did what, when, why.

    Written by the service that makes the change, in the same transaction, so
    a change and its audit row are committed or rolled back together. Never
    updated or deleted.
    """

    # No foreign-key constraints in the database on these two, and no index of target_type's own:
    # a calendar change writes one row per re-dated deadline (a million in a province), and
    # PostgreSQL checks each row's two keys one by one at commit: 12 of the recompute's 54 s
    # (benchmarks/recompute.py). What the constraints guarded still holds: content types and
    # users are never deleted while rows name them (PROTECT, which Django's deletion enforces
    # itself; users are deactivated, never deleted), and the rows are written only by the
    # services, with keys they have just read. The (type, id, at) index below serves every
    # lookup by type.
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+",
                                    db_constraint=False, db_index=False)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    actor = done_by(_("操作人"), optional=True, help_text=_("为空表示系统自动操作"), db_constraint=False)
    action = models.CharField(_("操作"), max_length=64)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
