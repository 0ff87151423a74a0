from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.limits import PERSON_NAME_MAX, POSITION_MAX, BASIS_TEXT_MAX, LIST_TEXT_MAX, LONG_TEXT_MAX, SUBMISSION_TEXT_MAX
from casework.models.bases import CaseModel, case_indexes, done_by, permission_of, status_field


class RectificationStatus(models.TextChoices):
    ORDERED = "ordered", _("已下达整改通知，待书面说明")
    RECTIFYING = "rectifying", _("整改中")
    UNDER_ACCEPTANCE = "under_acceptance", _("整改完成，待验收")
    ACCEPTED = "accepted", _("验收通过，已办结")


OPEN_RECTIFICATION_STATUSES = (
    RectificationStatus.ORDERED, RectificationStatus.RECTIFYING, RectificationStatus.UNDER_ACCEPTANCE,
)


class SubmissionKind(models.TextChoices):
    EXPLANATION = "explanation", _("书面说明")
    PLAN = "plan", _("整改方案")
    PROGRESS = "progress", _("整改进展报告")
    COMPLETION = "completion", _("整改完成报告")


_may = permission_of("rectification_actor_may")


class RectificationCase(CaseModel):
    """A supervisor office's order to a government to rectify (整改, seed 二(九)).

    The government first explains in writing the dishonest conduct and its
    causes, then sends a plan, progress reports and a completion report; the
    office accepts the rectification or returns it (each return is kept, as a
    `RectificationReturn`). Status changes only through
    `casework.services.rectifications`.
    """

    number = models.CharField(_("整改编号"), max_length=32, unique=True, editable=False)
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("整改主体"), on_delete=models.PROTECT, related_name="rectifications"
    )
    records = models.ManyToManyField(
        "casework.CreditRecord", verbose_name=_("所涉失信记录"), related_name="rectifications"
    )
    supervisor_office = models.ForeignKey(
        "casework.Department", verbose_name=_("下达单位（联席会议办公室）"), on_delete=models.PROTECT,
        related_name="ordered_rectifications",
    )
    requirements = models.TextField(_("整改要求"), help_text=_("每行一项"), max_length=LIST_TEXT_MAX)
    basis = models.TextField(_("整改依据"), blank=True, max_length=BASIS_TEXT_MAX)
    ordered_at = models.DateTimeField(_("下达时间"))
    ordered_on = models.DateField(_("下达日期"))
    # The time limit as ordered: a date, or a number of working days after service.
    limit_date = models.DateField(_("整改期限（日期）"), null=True, blank=True)
    limit_working_days = models.PositiveSmallIntegerField(_("整改期限（工作日）"), null=True, blank=True)
    status = status_field(RectificationStatus, default=RectificationStatus.ORDERED)
    ordered_by = done_by(_("下达人"))
    acceptance_opinion = models.TextField(_("验收意见"), blank=True, max_length=LONG_TEXT_MAX)

    class Meta:
        verbose_name = _("整改案件")
        verbose_name_plural = _("整改案件")
        ordering = ["-ordered_at", "-id"]
        indexes = case_indexes(department="supervisor_office", open_statuses=OPEN_RECTIFICATION_STATUSES,
                               open_index="rectification_open_idx")

    @transition(status, source=RectificationStatus.ORDERED, target=RectificationStatus.RECTIFYING,
                permission=_may("explain"))
    def explain(self):
        pass

    @transition(status, source=RectificationStatus.RECTIFYING, target=RectificationStatus.UNDER_ACCEPTANCE,
                permission=_may("complete"))
    def complete(self):
        pass

    @transition(status, source=RectificationStatus.UNDER_ACCEPTANCE, target=RectificationStatus.ACCEPTED,
                permission=_may("accept"))
    def accept(self, *, opinion: str, at):
        self.acceptance_opinion = opinion
        self.closed_at = at

    @transition(status, source=RectificationStatus.UNDER_ACCEPTANCE, target=RectificationStatus.RECTIFYING,
                permission=_may("return_for_rework"))
    def return_for_rework(self):
        pass


class RectificationSubmission(models.Model):
    """What the government sent: its explanation, plan, a progress or the completion report."""

    case = models.ForeignKey(RectificationCase, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("类型"), max_length=16, choices=SubmissionKind.choices)
    text = models.TextField(_("内容"), max_length=SUBMISSION_TEXT_MAX)
    submitted_by = done_by()
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        verbose_name = _("整改材料")
        verbose_name_plural = _("整改材料")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class RectificationReturn(models.Model):
    """One return of a completion report (退回整改), kept with its reasons."""

    case = models.ForeignKey(RectificationCase, on_delete=models.PROTECT, related_name="returns")
    reasons = models.TextField(_("退回理由"), max_length=LONG_TEXT_MAX)
    new_limit_date = models.DateField(_("新的整改期限"), null=True, blank=True)
    returned_by = done_by()
    returned_at = models.DateTimeField(_("退回时间"))

    class Meta:
        verbose_name = _("整改退回")
        verbose_name_plural = _("整改退回")
        ordering = ["returned_at", "id"]

    def __str__(self):
        return f"{self.case} 退回 {self.returned_at:%Y-%m-%d}"


class AccountabilityEntry(models.Model):
    """A main responsible person held accountable (问责), and what was done."""

    case = models.ForeignKey(RectificationCase, on_delete=models.PROTECT, related_name="accountability")
    person = models.CharField(_("责任人"), max_length=PERSON_NAME_MAX)
    position = models.CharField(_("职务"), max_length=POSITION_MAX)
    action_taken = models.TextField(_("问责处理情况"), max_length=LONG_TEXT_MAX)
    recorded_by = done_by()
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        verbose_name = _("责任追究")
        verbose_name_plural = _("责任追究")
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return f"{self.person}（{self.position}）"
