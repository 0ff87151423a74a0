"""Appeals against a credit repair decision (信用修复申诉).

A subject that disagrees with the decision on its repair application (rejected, or some
measure kept or only reduced) may appeal within `repair_appeal_lodging_days` of the
decision letter. The appeal is heard by the joint-conference office (联席会议办公室) above
the department that decided, the same body every repair decision letter names as the place
to ask for review (`casework.services.letter_parties.remedy_office_name`); docs/rules.md
says why. Status changes only through `casework.services.appeals`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX
from casework.models.bases import CaseModel, case_indexes, done_by, permission_of, status_field


class AppealStatus(models.TextChoices):
    RECEIVED = "received", _("已收到，待受理审查")
    REVIEWING = "reviewing", _("已受理，审查中")
    DECIDED = "decided", _("已作出处理决定")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_APPEAL_STATUSES = (AppealStatus.RECEIVED, AppealStatus.REVIEWING)


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("申诉成立")
    PARTLY = "partly", _("申诉部分成立")
    DISMISSED = "dismissed", _("申诉不成立")


_may = permission_of("appeal_actor_may")


class RepairAppeal(CaseModel):
    number = models.CharField(_("申诉编号"), max_length=32, unique=True, editable=False)
    repair = models.ForeignKey(
        "casework.RepairCase", verbose_name=_("被申诉的信用修复案件"), on_delete=models.PROTECT,
        related_name="appeals",
    )
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("申诉主体"), on_delete=models.PROTECT, related_name="repair_appeals"
    )
    handling_office = models.ForeignKey(
        "casework.Department", verbose_name=_("处理单位（联席会议办公室）"), on_delete=models.PROTECT,
        related_name="handled_repair_appeals",
    )
    grounds = models.TextField(_("申诉理由"), max_length=LONG_TEXT_MAX)
    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"), help_text=_("北京时间，不计入处理期限"))
    status = status_field(AppealStatus, default=AppealStatus.RECEIVED)
    acceptance_opinion = models.TextField(_("受理审查意见"), blank=True, max_length=SHORT_TEXT_MAX)
    outcome = models.CharField(_("处理结论"), max_length=16, choices=AppealOutcome.choices, blank=True)
    reasons = models.TextField(_("处理理由"), blank=True, max_length=LONG_TEXT_MAX)
    lodged_by = done_by(_("申诉人"))
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("信用修复申诉")
        verbose_name_plural = _("信用修复申诉")
        ordering = ["-received_at", "-id"]
        indexes = case_indexes(department="handling_office", open_statuses=OPEN_APPEAL_STATUSES,
                               open_index="appeal_open_idx")

    # --- transitions: state only; every side effect lives in the service ---

    @transition(status, source=AppealStatus.RECEIVED, target=AppealStatus.REVIEWING,
                permission=_may("accept"))
    def accept(self, *, opinion: str = ""):
        self.acceptance_opinion = opinion

    @transition(status, source=AppealStatus.RECEIVED, target=AppealStatus.NOT_ACCEPTED,
                permission=_may("not_accept"))
    def not_accept(self, *, opinion: str, at):
        self.acceptance_opinion = opinion
        self.closed_at = at

    @transition(status, source=AppealStatus.REVIEWING, target=AppealStatus.DECIDED, permission=_may("decide"))
    def decide(self, *, outcome: str, reasons: str, at):
        self.outcome = outcome
        self.reasons = reasons
        self.decided_at = at
        self.closed_at = at

    @transition(status, source=list(OPEN_APPEAL_STATUSES), target=AppealStatus.WITHDRAWN,
                permission=_may("withdraw"))
    def withdraw(self, *, at):
        self.closed_at = at
