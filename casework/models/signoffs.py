"""Decision letters on their way to issue: 拟稿 → 审核 → 签发 (issue 14).

A draft keeps the payload of the action the handler took; the action runs only when a
department user with the right signs it off (workflows.signoff). Until then nothing about
the case changes, so its deadlines run on. Comments are never deleted: a draft returned
and resubmitted keeps the whole exchange.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.bases import CaseLink, done_by


class DraftStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("待审核")
    AWAITING_SIGNOFF = "awaiting_signoff", _("待签发")
    RETURNED = "returned", _("已退回待修改")
    ISSUED = "issued", _("已签发")
    WITHDRAWN = "withdrawn", _("已撤销")


# A case has at most one draft in these states.
OPEN_DRAFT_STATUSES = (DraftStatus.IN_REVIEW, DraftStatus.AWAITING_SIGNOFF, DraftStatus.RETURNED)


class DraftStep(models.TextChoices):
    SUBMIT = "submit", _("提交审核")
    REVIEW = "review", _("审核")
    SIGNOFF = "signoff", _("签发")
    WITHDRAW = "withdraw", _("撤销")


class LetterDraft(CaseLink):
    """One decision drafted by a handler, waiting for 审核 and 签发 before its letter is issued."""

    department = models.ForeignKey(
        "casework.Department", verbose_name=_("拟稿部门"), on_delete=models.PROTECT, related_name="letter_drafts"
    )
    action = models.CharField(_("办理事项"), max_length=64)  # the Action's name, as in URLs
    action_label = models.CharField(_("办理事项名称"), max_length=64)
    letter_kind = models.CharField(_("文书种类"), max_length=64)
    # The validated form data the action's service takes; dates tagged (workflows.signoff).
    payload = models.JSONField(_("拟办内容"), default=dict)
    status = models.CharField(_("状态"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.IN_REVIEW,
                              db_index=True)
    drafted_by = done_by(_("拟稿人"))
    reviewed_by = done_by(_("审核人"), optional=True)
    signed_by = done_by(_("签发人"), optional=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("文书签发稿")
        verbose_name_plural = _("文书签发稿")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["case_type", "case_id"]), models.Index(fields=["department", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "case_id"], condition=models.Q(status__in=OPEN_DRAFT_STATUSES),
                name="letter_draft_one_open_per_case",
            )
        ]

    def __str__(self):
        return f"{self.action_label}（{self.get_status_display()}）"


class DraftComment(models.Model):
    """What someone said at a step of a draft: kept for good, a return's reasons above all."""

    draft = models.ForeignKey(LetterDraft, verbose_name=_("签发稿"), on_delete=models.PROTECT,
                              related_name="comments")
    step = models.CharField(_("环节"), max_length=16, choices=DraftStep.choices)
    returned = models.BooleanField(_("退回"), default=False)
    author = done_by(_("填写人"))
    text = models.TextField(_("意见"))
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("签发稿意见")
        verbose_name_plural = _("签发稿意见")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_step_display()}：{self.text[:20]}"
