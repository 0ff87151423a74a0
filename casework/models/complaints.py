"""Complaints about a government body's dishonest conduct (投诉举报, seed 二(七)).

Anyone may complain without an account. The complaint goes to the supervisor office
(联席会议办公室) of the body's jurisdiction, which accepts it or not, may transfer it to
the competent department with a time limit, records the findings and answers. The
complainant's name and contact are kept here and shown only to the handling office
(`casework.permissions.complaint_identity_visible_to`). Status changes only through
`casework.services.complaints`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.limits import LONG_TEXT_MAX, PERSON_NAME_MAX, SHORT_TEXT_MAX
from casework.models.bases import CaseModel, UploadedFile, case_indexes, permission_of, status_field

CONTACT_MAX = 128


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已收到，待受理审查")
    ACCEPTED = "accepted", _("已受理，办理中")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    TRANSFERRED = "transferred", _("已转办主管部门")
    FINDINGS_RECORDED = "findings_recorded", _("已查明，待答复")
    ANSWERED = "answered", _("已答复投诉人")
    CLOSED = "closed", _("已办结")


OPEN_COMPLAINT_STATUSES = (
    ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED, ComplaintStatus.TRANSFERRED,
    ComplaintStatus.FINDINGS_RECORDED, ComplaintStatus.ANSWERED,
)

_may = permission_of("complaint_actor_may")


class ComplaintCase(CaseModel):
    number = models.CharField(_("投诉编号"), max_length=32, unique=True, editable=False)
    # The body complained about (a government or a department with a credit file).
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("被投诉主体"), on_delete=models.PROTECT, related_name="complaints"
    )
    handling_office = models.ForeignKey(
        "casework.Department", verbose_name=_("办理单位（联席会议办公室）"), on_delete=models.PROTECT,
        related_name="handled_complaints",
    )
    facts = models.TextField(_("投诉事项"), max_length=LONG_TEXT_MAX)
    occurred_on = models.DateField(_("发生日期"))
    # Optional: a complaint may be anonymous. Shown to the handling office only.
    complainant_name = models.CharField(_("投诉人姓名"), max_length=PERSON_NAME_MAX, blank=True)
    complainant_contact = models.CharField(_("投诉人联系方式"), max_length=CONTACT_MAX, blank=True)
    # The lookup code is shown to the complainant once; only its hash is kept.
    lookup_code_hash = models.CharField(_("查询码摘要"), max_length=128, editable=False)
    # sha256 of the body and the normalised text: what duplicate detection compares.
    fingerprint = models.CharField(_("内容指纹"), max_length=64, db_index=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("重复投诉（首次投诉）"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="duplicates",
    )
    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"))
    status = status_field(ComplaintStatus, default=ComplaintStatus.RECEIVED)
    decision_reason = models.TextField(_("受理审查意见"), blank=True, max_length=SHORT_TEXT_MAX)
    transferred_to = models.ForeignKey(
        "casework.Department", verbose_name=_("转办部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="transferred_complaints",
    )
    transfer_requirements = models.TextField(_("转办要求"), blank=True, max_length=LONG_TEXT_MAX)
    findings = models.TextField(_("调查核实情况"), blank=True, max_length=LONG_TEXT_MAX)
    answer = models.TextField(_("答复意见"), blank=True, max_length=LONG_TEXT_MAX)
    # What the complaint led to, linked both ways (record.complaints, rectification.complaints).
    records = models.ManyToManyField(
        "casework.CreditRecord", verbose_name=_("据此认定的失信记录"), blank=True, related_name="complaints"
    )
    rectifications = models.ManyToManyField(
        "casework.RectificationCase", verbose_name=_("据此下达的整改"), blank=True, related_name="complaints"
    )

    class Meta:
        verbose_name = _("投诉案件")
        verbose_name_plural = _("投诉案件")
        ordering = ["-received_at", "-id"]
        indexes = case_indexes(department="handling_office", open_statuses=OPEN_COMPLAINT_STATUSES,
                               open_index="complaint_open_idx")

    # Never listed field by field (viewflow's process and task pages list an artifact's fields).
    private_fields = ("complainant_name", "complainant_contact", "lookup_code_hash", "fingerprint")

    @property
    def is_anonymous(self) -> bool:
        return not (self.complainant_name or self.complainant_contact)

    @transition(status, source=ComplaintStatus.RECEIVED, target=ComplaintStatus.ACCEPTED, permission=_may("accept"))
    def accept(self, *, opinion: str = ""):
        self.decision_reason = opinion

    @transition(status, source=ComplaintStatus.RECEIVED, target=ComplaintStatus.NOT_ACCEPTED,
                permission=_may("not_accept"))
    def not_accept(self, *, opinion: str, at):
        self.decision_reason = opinion
        self.closed_at = at

    @transition(status, source=ComplaintStatus.ACCEPTED, target=ComplaintStatus.TRANSFERRED,
                permission=_may("transfer"))
    def transfer(self, *, department, requirements: str):
        self.transferred_to = department
        self.transfer_requirements = requirements

    @transition(status, source=[ComplaintStatus.ACCEPTED, ComplaintStatus.TRANSFERRED],
                target=ComplaintStatus.FINDINGS_RECORDED, permission=_may("record_findings"))
    def record_findings(self, *, findings: str):
        self.findings = findings

    @transition(status, source=ComplaintStatus.FINDINGS_RECORDED, target=ComplaintStatus.ANSWERED,
                permission=_may("answer"))
    def answer_complainant(self, *, answer: str):
        self.answer = answer

    # Anonymous: nobody to send the answer to; it is kept for the lookup and the case ends.
    @transition(status, source=ComplaintStatus.FINDINGS_RECORDED, target=ComplaintStatus.CLOSED,
                permission=_may("answer"))
    def answer_and_close(self, *, answer: str, at):
        self.answer = answer
        self.closed_at = at

    @transition(status, source=ComplaintStatus.ANSWERED, target=ComplaintStatus.CLOSED, permission=_may("close"))
    def close(self, *, at):
        self.closed_at = at


class ComplaintEvidence(UploadedFile):
    """A file sent with a complaint: the same file rules as all evidence (casework.evidence).

    Its own table because the complainant has no account (EvidenceFile names its uploader)."""

    complaint = models.ForeignKey(ComplaintCase, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("文件"), upload_to="complaints/%Y/%m/")

    class Meta(UploadedFile.Meta):
        verbose_name = _("投诉证据材料")
        verbose_name_plural = _("投诉证据材料")

    def get_purpose_display(self) -> str:  # as EvidenceFile's, for the shared evidence table
        return str(_("投诉证据材料"))
