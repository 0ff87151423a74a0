"""Delivery of the provincial reports (casework's `PlatformReport` outbox) over HTTP.

A `Delivery` is the worker's side of one report: whether it waits, is in
flight or gave up, when it may be tried next, and who holds it. Every POST to
the platform is a `DeliveryAttempt`, written before the request leaves (so a
worker that dies mid-request leaves a trace) and completed with the answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.bases import Timestamped


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待报送")
    DELIVERING = "delivering", _("报送中")
    DELIVERED = "delivered", _("平台已确认")
    FAILED = "failed", _("报送失败")


class AttemptOutcome(models.TextChoices):
    IN_FLIGHT = "in_flight", _("发送中")
    ACKNOWLEDGED = "acknowledged", _("平台已确认")
    SERVER_ERROR = "server_error", _("平台故障（5xx）")
    TIMEOUT = "timeout", _("超时")
    CONNECTION_ERROR = "connection_error", _("连接失败")
    INVALID_ANSWER = "invalid_answer", _("应答无效（格式错误或未签名）")
    REJECTED = "rejected", _("平台拒收（4xx）")
    INTERRUPTED = "interrupted", _("发送进程中断")


# Outcomes after which the report is tried again later; a rejection stops it.
RETRYABLE_OUTCOMES = (
    AttemptOutcome.SERVER_ERROR,
    AttemptOutcome.TIMEOUT,
    AttemptOutcome.CONNECTION_ERROR,
    AttemptOutcome.INVALID_ANSWER,
    AttemptOutcome.INTERRUPTED,
)


class Delivery(Timestamped):
    """The delivery state of one `PlatformReport`.

    Written only by `exchange.services`. A worker owns a delivery while it is
    `delivering` and `claim_token` is the token it claimed it with; after
    `lease_until` another worker may take it back (the first one died).
    `subject` is copied from the report so that "an older report of the same
    subject is still open" is one indexed query.
    """

    report = models.OneToOneField(
        "casework.PlatformReport", verbose_name=_("报送事项"), on_delete=models.PROTECT,
        related_name="delivery",
    )
    subject = models.ForeignKey("casework.Subject", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("状态"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("发送次数"), default=0)
    failures = models.PositiveIntegerField(_("失败次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次发送时间"), null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("最近错误"), blank=True)
    escalated_at = models.DateTimeField(_("已报告监督人员"), null=True, blank=True)

    class Meta:
        verbose_name = _("平台报送")
        verbose_name_plural = _("平台报送")
        ordering = ["report_id"]
        indexes = [
            models.Index(fields=["state", "report"]),
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["subject", "report"]),
            models.Index(fields=["state", "lease_until"]),
        ]

    def __str__(self):
        return f"{self.report_id} {self.get_state_display()}"


class DeliveryAttempt(models.Model):
    """One POST of a report to the platform, and what came back."""

    report = models.ForeignKey(
        "casework.PlatformReport", verbose_name=_("报送事项"), on_delete=models.PROTECT,
        related_name="delivery_attempts",
    )
    number = models.PositiveIntegerField(_("第几次"))
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(
        _("结果"), max_length=24, choices=AttemptOutcome.choices, default=AttemptOutcome.IN_FLIGHT
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    receipt = models.CharField(_("平台回执号"), max_length=64, blank=True)
    platform_received_at = models.CharField(_("平台接收时间"), max_length=64, blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), null=True, blank=True)

    class Meta:
        verbose_name = _("报送记录")
        verbose_name_plural = _("报送记录")
        ordering = ["report_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="delivery_attempt_unique_number")
        ]

    def __str__(self):
        return f"{self.report_id}#{self.number} {self.get_outcome_display()}"
