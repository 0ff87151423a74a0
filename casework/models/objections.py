import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMModelMixin, transition

from casework.limits import LIST_TEXT_MAX, LONG_TEXT_MAX, RECEIPT_MAX
from casework.models.bases import (
    CaseLink, CaseModel, OptionalCaseLink, UploadedFile, case_indexes, done_by, only_set, permission_of,
    status_field,
)


class ObjectionStatus(models.TextChoices):
    LODGED = "lodged", _("已提交")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    ACCEPTED = "accepted", _("已受理")
    AWAITING_MATERIALS = "awaiting_materials", _("待补正材料")
    UNDER_VERIFICATION = "under_verification", _("核查中")
    DECIDED = "decided", _("已作出核查结论")
    REPLIED = "replied", _("已书面答复")
    RECORD_CHANGED = "record_changed", _("已更正/撤销记录")
    FOLLOWING_UP = "following_up", _("跟踪落实中")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_OBJECTION_STATUSES = (
    ObjectionStatus.LODGED,
    ObjectionStatus.ACCEPTED,
    ObjectionStatus.AWAITING_MATERIALS,
    ObjectionStatus.UNDER_VERIFICATION,
    ObjectionStatus.DECIDED,
    ObjectionStatus.REPLIED,
    ObjectionStatus.RECORD_CHANGED,
    ObjectionStatus.FOLLOWING_UP,
)
BEFORE_DECISION = (
    ObjectionStatus.LODGED,
    ObjectionStatus.ACCEPTED,
    ObjectionStatus.AWAITING_MATERIALS,
    ObjectionStatus.UNDER_VERIFICATION,
)


class ObjectionChannel(models.TextChoices):
    DEPARTMENT = "department", _("向认定部门提出")
    PLATFORM = "platform", _("向信用信息平台提出")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("异议成立")
    PARTLY_UPHELD = "partly_upheld", _("异议部分成立")
    NOT_UPHELD = "not_upheld", _("异议不成立")


class NonAcceptanceReason(models.TextChoices):
    NOT_OWN_RECORD = "not_own_record", _("异议信息不属于申请主体")
    NO_GROUNDS = "no_grounds", _("未提供异议理由或证明材料")
    DUPLICATE = "duplicate", _("与正在处理的异议重复")
    ALREADY_DECIDED = "already_decided", _("同一事项已作出答复且无新的事实和理由")
    OUT_OF_SCOPE = "out_of_scope", _("不属于异议受理范围")


_may = permission_of("objection_actor_may")


class ObjectionCase(CaseModel):
    """A subject's objection (异议申请) to one record in its credit file.

    One record per case: records may have different determining departments,
    and each gets its own reply and deadline. The status is the legal truth;
    it changes only through the transitions below, called by
    `casework.services.objections`, which also writes the audit row, the
    deadlines and the letters in the same transaction.
    """

    number = models.CharField(_("异议编号"), max_length=32, unique=True, editable=False)
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("申请主体"), on_delete=models.PROTECT, related_name="objections"
    )
    record = models.ForeignKey(
        "casework.CreditRecord", verbose_name=_("异议信用记录"), on_delete=models.PROTECT, related_name="objections"
    )
    grounds = models.TextField(_("异议理由"), max_length=LONG_TEXT_MAX)
    channel = models.CharField(_("提出渠道"), max_length=16, choices=ObjectionChannel.choices)
    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"), help_text=_("北京时间，不计入答复期限"))
    handling_department = models.ForeignKey(
        "casework.Department", verbose_name=_("答复责任单位"), on_delete=models.PROTECT,
        related_name="handled_objections",
    )
    determining_department = models.ForeignKey(
        "casework.Department", verbose_name=_("核查单位（认定部门）"), on_delete=models.PROTECT,
        related_name="verified_objections",
    )
    status = status_field(ObjectionStatus, default=ObjectionStatus.LODGED)
    non_acceptance_reason = models.CharField(
        _("不予受理理由"), max_length=32, choices=NonAcceptanceReason.choices, blank=True
    )
    materials_requested = models.TextField(_("需补正的材料"), blank=True, max_length=LIST_TEXT_MAX)
    # The state a materials request interrupted, to return to when they arrive.
    resume_status = models.CharField(max_length=32, choices=ObjectionStatus.choices, blank=True, editable=False)
    outcome = models.CharField(_("核查结论"), max_length=16, choices=ObjectionOutcome.choices, blank=True)
    findings = models.TextField(_("核查情况"), blank=True, max_length=LONG_TEXT_MAX)
    decision_reasons = models.TextField(_("结论理由"), blank=True, max_length=LONG_TEXT_MAX)
    # What the determining department decided to change, applied by
    # `objection_correct_record`: {"revoke": true} or {"fields": {name: new value}}.
    correction = models.JSONField(_("更正内容"), default=dict, blank=True)
    lodged_by = done_by(_("提交人"))
    decided_at = models.DateTimeField(_("结论时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议案件")
        verbose_name_plural = _("异议案件")
        ordering = ["-received_at", "-id"]
        indexes = [
            *case_indexes(department="handling_department", open_statuses=OPEN_OBJECTION_STATUSES,
                          open_index="objection_open_idx"),
            models.Index(fields=["determining_department", "status"]),
        ]

    @property
    def is_upheld(self) -> bool:
        return self.outcome in (ObjectionOutcome.UPHELD, ObjectionOutcome.PARTLY_UPHELD)

    # --- transitions: state only; every side effect lives in the service ---

    @transition(status, source=ObjectionStatus.LODGED, target=ObjectionStatus.ACCEPTED, permission=_may("accept"))
    def accept(self):
        pass

    @transition(
        status, source=ObjectionStatus.LODGED, target=ObjectionStatus.NOT_ACCEPTED, permission=_may("reject")
    )
    def reject(self, *, code: str, at):
        self.non_acceptance_reason = code
        self.closed_at = at

    @transition(
        status, source=[ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION],
        target=ObjectionStatus.AWAITING_MATERIALS, permission=_may("request_materials"),
    )
    def request_materials(self, *, materials: str):
        self.materials_requested = materials
        self.resume_status = self.status

    @transition(
        status, source=ObjectionStatus.AWAITING_MATERIALS,
        target=RETURN_VALUE(ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION),
        permission=_may("supply_materials"),
    )
    def supply_materials(self):
        # Back to where the request came from: before acceptance or in verification.
        return self.resume_status or ObjectionStatus.UNDER_VERIFICATION

    @transition(
        status, source=ObjectionStatus.AWAITING_MATERIALS,
        target=RETURN_VALUE(ObjectionStatus.LODGED, ObjectionStatus.UNDER_VERIFICATION),
    )
    def lapse_materials(self):
        # The supply limit passed (the system's step, no permission of its own): the
        # department goes on with what it has, from where the request came.
        return self.resume_status or ObjectionStatus.UNDER_VERIFICATION

    @transition(
        status, source=ObjectionStatus.ACCEPTED, target=ObjectionStatus.UNDER_VERIFICATION,
        permission=_may("start_verification"),
    )
    def start_verification(self):
        pass

    @transition(
        status, source=ObjectionStatus.UNDER_VERIFICATION, target=ObjectionStatus.DECIDED, permission=_may("decide")
    )
    def decide(self, *, outcome: str, findings: str, reasons: str, correction: dict, at):
        self.outcome = outcome
        self.findings = findings
        self.decision_reasons = reasons
        self.correction = correction
        self.decided_at = at

    @transition(status, source=ObjectionStatus.DECIDED, target=ObjectionStatus.REPLIED, permission=_may("reply"))
    def reply(self):
        pass

    @transition(
        status, source=ObjectionStatus.REPLIED, target=ObjectionStatus.RECORD_CHANGED,
        conditions=[lambda case: case.is_upheld], permission=_may("correct_record"),
    )
    def correct_record(self):
        pass

    @transition(
        status, source=ObjectionStatus.RECORD_CHANGED, target=ObjectionStatus.FOLLOWING_UP,
        permission=_may("send_feedback"),
    )
    def send_feedback(self):
        pass

    @transition(
        status, source=[ObjectionStatus.REPLIED, ObjectionStatus.FOLLOWING_UP], target=ObjectionStatus.CLOSED,
    )
    def close(self, *, at):
        self.closed_at = at

    @transition(status, source=list(BEFORE_DECISION), target=ObjectionStatus.WITHDRAWN, permission=_may("withdraw"))
    def withdraw(self, *, at):
        self.closed_at = at


_EVIDENCE_LINKS = ("case", "repair", "rectification", "appeal")


class EvidenceFile(UploadedFile):
    """A file a subject supplied with a case: one model for every case kind.

    Exactly one of the case links is set; each case kind reads its files as
    `case.evidence` (the same related name on every kind).
    """

    class Purpose(models.TextChoices):
        LODGING = "lodging", _("异议证明材料")
        MATERIALS = "materials", _("补正材料")
        REPAIR = "repair", _("信用修复证明材料")
        COMMITMENT = "commitment", _("信用承诺书")
        EXPLANATION = "explanation", _("书面说明材料")
        PLAN = "plan", _("整改方案材料")
        PROGRESS = "progress", _("整改进展材料")
        COMPLETION = "completion", _("整改完成证明材料")
        APPEAL = "appeal", _("申诉证明材料")

    case = models.ForeignKey(ObjectionCase, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    repair = models.ForeignKey(
        "casework.RepairCase", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    rectification = models.ForeignKey(
        "casework.RectificationCase", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    appeal = models.ForeignKey(
        "casework.RepairAppeal", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    purpose = models.CharField(_("用途"), max_length=16, choices=Purpose.choices)
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    uploaded_by = done_by()

    class Meta(UploadedFile.Meta):
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        constraints = [
            models.CheckConstraint(
                name="evidence_belongs_to_one_case",
                condition=(
                    only_set("case", _EVIDENCE_LINKS) | only_set("repair", _EVIDENCE_LINKS)
                    | only_set("rectification", _EVIDENCE_LINKS) | only_set("appeal", _EVIDENCE_LINKS)
                ),
            )
        ]


class RecordChange(CaseLink):
    """A record's content before and after a correction, revocation or repair."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", _("更正")
        REVOKED = "revoked", _("撤销")
        REPAIRED = "repaired", _("信用修复")

    record = models.ForeignKey("casework.CreditRecord", on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(_("变更方式"), max_length=16, choices=Action.choices)
    before = models.JSONField(_("变更前"))
    after = models.JSONField(_("变更后"))
    changed_by = done_by()
    changed_at = models.DateTimeField(_("变更时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("记录变更")
        verbose_name_plural = _("记录变更")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.record} {self.get_action_display()}"


class PlatformReportStatus(models.TextChoices):
    PENDING = "pending", _("待报送")
    DELIVERED = "delivered", _("已报送")
    FAILED = "failed", _("报送失败")


class PlatformReport(FSMModelMixin, OptionalCaseLink):
    """A change to report to the provincial credit platform (an outbox row).

    Written in the same transaction as the decision that causes it, so the
    obligation exists exactly when the decision does. Its deadline (5 working
    days) is met when the platform acknowledges it.

    A case's outcome (corrected, revoked, repaired: each also ends the
    record's publication) belongs to its case. One message belongs to the
    record alone: 终止公示 at the end of the maximum publication period, which
    no case decides; it has no case and no deadline, and its uuid (the
    platform's idempotency key) is derived from the record and the stop, so
    one stop can never be reported twice.
    """

    class Change(models.TextChoices):
        CORRECTED = "corrected", _("信息更正")
        REVOKED = "revoked", _("信息撤销")
        REPAIRED = "repaired", _("信用修复")
        PUBLICATION_ENDED = "publication_end", _("终止公示")

    uuid = models.UUIDField(_("报送标识"), default=uuid.uuid4, unique=True, editable=False)
    subject = models.ForeignKey("casework.Subject", on_delete=models.PROTECT, related_name="platform_reports")
    record = models.ForeignKey("casework.CreditRecord", on_delete=models.PROTECT, related_name="platform_reports")
    change = models.CharField(_("报送事项"), max_length=16, choices=Change.choices)
    payload = models.JSONField(_("报送内容"), default=dict)
    status = status_field(PlatformReportStatus, default=PlatformReportStatus.PENDING, max_length=16)
    receipt_number = models.CharField(_("平台回执号"), max_length=RECEIPT_MAX, blank=True)
    delivered_at = models.DateTimeField(_("报送确认时间"), null=True, blank=True)
    confirmed_by = done_by(optional=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("省级平台报送")
        verbose_name_plural = _("省级平台报送")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(change="publication_end")
                | models.Q(case_type__isnull=False, case_id__isnull=False),
                name="platform_report_case_unless_record_level",
            )
        ]

    def __str__(self):
        return f"{self.get_change_display()} {self.record}"

    @property
    def about(self):
        """What the report's history is written on: its case, or the record for a record-level message."""
        return self.case if self.case_id is not None else self.record

    @transition(status, source=PlatformReportStatus.PENDING, target=PlatformReportStatus.FAILED)
    def mark_failed(self):
        """The platform refused it: a person must look (a later receipt still counts)."""

    @transition(status, source=[PlatformReportStatus.PENDING, PlatformReportStatus.FAILED],
                target=PlatformReportStatus.DELIVERED)
    def mark_delivered(self, *, receipt: str, at):
        self.receipt_number = receipt
        self.delivered_at = at


class MeasureLiftingAction(models.TextChoices):
    """What the imposing department is to do with its measure."""

    LIFT = "lift", _("解除")
    REDUCE = "reduce", _("减轻")
    APPLY_LIGHTER = "apply_lighter", _("从轻适用")


class MeasureLiftingStatus(models.TextChoices):
    PENDING = "pending", _("待解除")
    CONFIRMED = "confirmed", _("已确认解除")


class MeasureLifting(FSMModelMixin, CaseLink):
    """The imposing department's task to lift one measure, tracked until it confirms."""

    measure = models.ForeignKey(
        "casework.PunishmentMeasure", verbose_name=_("惩戒措施"), on_delete=models.PROTECT, related_name="liftings"
    )
    department = models.ForeignKey(
        "casework.Department", verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="liftings"
    )
    # An objection lifts; a repair may waive (lift), reduce or apply more lightly.
    action = models.CharField(
        _("处理方式"), max_length=16, choices=MeasureLiftingAction.choices, default=MeasureLiftingAction.LIFT
    )
    status = status_field(MeasureLiftingStatus, default=MeasureLiftingStatus.PENDING, max_length=16)
    confirmed_by = done_by(optional=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("解除惩戒措施任务")
        verbose_name_plural = _("解除惩戒措施任务")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"]), models.Index(fields=["department", "status"])]

    def __str__(self):
        return f"{self.measure} → {self.get_status_display()}"

    @transition(status, source=MeasureLiftingStatus.PENDING, target=MeasureLiftingStatus.CONFIRMED)
    def confirm(self, *, by, at):
        self.confirmed_by = by
        self.confirmed_at = at
