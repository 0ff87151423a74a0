from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

from casework.limits import LIST_TEXT_MAX, LONG_TEXT_MAX
from casework.models.bases import CaseModel, case_indexes, done_by, permission_of, status_field


class RepairStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("审核中")
    AWAITING_MATERIALS = "awaiting_materials", _("待补正材料")
    FOLLOWING_UP = "following_up", _("准予修复，跟踪落实中")
    CLOSED = "closed", _("修复完成，已办结")
    REJECTED = "rejected", _("不予修复")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_REPAIR_STATUSES = (RepairStatus.UNDER_REVIEW, RepairStatus.AWAITING_MATERIALS, RepairStatus.FOLLOWING_UP)
BEFORE_REPAIR_DECISION = (RepairStatus.UNDER_REVIEW, RepairStatus.AWAITING_MATERIALS)


class RepairMeasureDecision(models.TextChoices):
    """What the determining department decides for one measure (seed 二(十))."""

    WAIVE = "waive", _("免除")
    REDUCE = "reduce", _("减轻")
    APPLY_LIGHTER = "apply_lighter", _("从轻")
    REJECT = "reject", _("不予修复")


_may = permission_of("repair_actor_may")


class RepairCase(CaseModel):
    """A subject's application to repair one dishonesty record (信用修复).

    Eligibility is checked before the case exists (`repair_apply`). The
    determining department reviews and decides per measure; an approved
    repair marks the record repaired (unpublished), reports it to the
    provincial platform and asks each imposing department to apply its
    measure's decision. The status changes only through
    `casework.services.repairs`.
    """

    number = models.CharField(_("修复申请编号"), max_length=32, unique=True, editable=False)
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("申请主体"), on_delete=models.PROTECT, related_name="repairs"
    )
    record = models.ForeignKey(
        "casework.CreditRecord", verbose_name=_("申请修复的信用记录"), on_delete=models.PROTECT,
        related_name="repairs",
    )
    determining_department = models.ForeignKey(
        "casework.Department", verbose_name=_("审核单位（认定部门）"), on_delete=models.PROTECT,
        related_name="reviewed_repairs",
    )
    losses_recovered = models.TextField(_("主动挽回损失情况"), blank=True, max_length=LONG_TEXT_MAX)
    effects_removed = models.TextField(_("消除不良影响情况"), blank=True, max_length=LONG_TEXT_MAX)
    harm_prevented = models.TextField(_("有效阻止危害结果发生情况"), blank=True, max_length=LONG_TEXT_MAX)
    commitment_signed = models.BooleanField(_("已签署信用承诺书"), default=False)
    # The exact commitment the subject ticked (Order No. 36: a public credit commitment), kept as shown.
    commitment_text = models.TextField(_("信用承诺内容"), blank=True)
    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"), help_text=_("北京时间，不计入审核期限"))
    status = status_field(RepairStatus, default=RepairStatus.UNDER_REVIEW)
    materials_requested = models.TextField(_("需补正的材料"), blank=True, max_length=LIST_TEXT_MAX)
    approved = models.BooleanField(_("准予修复"), null=True, blank=True)
    findings = models.TextField(_("审核情况"), blank=True, max_length=LONG_TEXT_MAX)
    decision_reasons = models.TextField(_("决定理由"), blank=True, max_length=LONG_TEXT_MAX)
    # One entry per active measure at decision time:
    # {"measure": id, "decision": RepairMeasureDecision, "reasons": str}.
    measure_decisions = models.JSONField(_("惩戒措施处理决定"), default=list, blank=True)
    lodged_by = done_by(_("申请人"))
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("信用修复案件")
        verbose_name_plural = _("信用修复案件")
        ordering = ["-received_at", "-id"]
        indexes = case_indexes(department="determining_department", open_statuses=OPEN_REPAIR_STATUSES,
                               open_index="repair_open_idx")

    # --- transitions: state only; every side effect lives in the service ---

    @transition(
        status, source=RepairStatus.UNDER_REVIEW, target=RepairStatus.AWAITING_MATERIALS,
        permission=_may("request_materials"),
    )
    def request_materials(self, *, materials: str):
        self.materials_requested = materials

    @transition(
        status, source=RepairStatus.AWAITING_MATERIALS, target=RepairStatus.UNDER_REVIEW,
        permission=_may("supply_materials"),
    )
    def supply_materials(self):
        pass

    @transition(status, source=RepairStatus.AWAITING_MATERIALS, target=RepairStatus.UNDER_REVIEW)
    def lapse_materials(self):
        # The supply limit passed (the system's step): the review goes on with what it has.
        pass

    @transition(
        status, source=RepairStatus.UNDER_REVIEW,
        target=RETURN_VALUE(RepairStatus.FOLLOWING_UP, RepairStatus.REJECTED), permission=_may("decide"),
    )
    def decide(self, *, approved: bool, findings: str, reasons: str, decisions: list, at):
        self.approved = approved
        self.findings = findings
        self.decision_reasons = reasons
        self.measure_decisions = decisions
        self.decided_at = at
        if not approved:
            self.closed_at = at
            return RepairStatus.REJECTED
        return RepairStatus.FOLLOWING_UP

    @transition(status, source=RepairStatus.FOLLOWING_UP, target=RepairStatus.CLOSED)
    def close(self, *, at):
        self.closed_at = at

    @transition(status, source=list(BEFORE_REPAIR_DECISION), target=RepairStatus.WITHDRAWN,
                permission=_may("withdraw"))
    def withdraw(self, *, at):
        self.closed_at = at
