"""Letters: numbered official documents, archived as PDF and frozen once issued.

A `Letter` is created by `letters.services.letter_issue` with its number,
kind, issuer, addressee and context; the background worker then stores the
PDF, its SHA-256 and page count (status "rendering" → "issued"), holding a
lease on the row while it renders (`render_lease_until`). After that
nothing about it changes except what the archive itself records: that it was
voided (when, by whom, why), its replacement, and when it was first downloaded.

`Letter.save()`, `LetterQuerySet.update()` and `.delete()` refuse anything
else; the PDF and the first download are recorded by `record_pdf` and
`record_first_download`, conditional updates that cannot overwrite. That is an integrity guard, like django-fsm's protected field, not
business logic: the decisions stay in `letters.services`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    ACCEPTANCE_NOTICE = "acceptance_notice", _("受理通知书")
    NON_ACCEPTANCE_NOTICE = "non_acceptance_notice", _("不予受理通知书")
    MATERIALS_REQUEST = "materials_request", _("补正材料通知书")
    OBJECTION_REPLY = "objection_reply", _("异议答复书")
    CORRECTION_FEEDBACK = "correction_feedback", _("更正/撤销反馈书")
    MEASURE_LIFTING_NOTICE = "measure_lifting_notice", _("解除惩戒措施通知书")
    RECTIFICATION_ORDER = "rectification_order", _("整改通知书")
    RECTIFICATION_ACCEPTANCE = "rectification_acceptance", _("整改验收意见书")
    REPAIR_DECISION = "repair_decision", _("信用修复决定书")
    REPAIR_NOTICE = "repair_notice", _("信用修复告知书")
    SUPERVISION_QUARTERLY_REPORT = "supervision_quarterly_report", _("季度调度通报")
    SUPERVISION_INSPECTION_REPORT = "supervision_inspection_report", _("专项督查情况通报")
    RECEIPT = "receipt", _("受理回执")
    COMPLAINT_TRANSFER = "complaint_transfer", _("投诉转办函")
    COMPLAINT_ANSWER = "complaint_answer", _("投诉答复书")
    OVERSIGHT_NOTICE = "oversight_notice", _("督办函")
    APPEAL_DECISION = "appeal_decision", _("信用修复申诉处理决定书")
    EXTENSION_NOTICE = "extension_notice", _("延长办理期限通知书")


class LetterStatus(models.TextChoices):
    RENDERING = "rendering", _("生成中")
    ISSUED = "issued", _("已签发")
    VOID = "void", _("已作废")


class LetterFrozenError(Exception):
    """Code tried to change or delete an issued letter (a programming error)."""


# What may change after creation, and how.
_WRITE_ONCE = ("file", "sha256", "page_count", "rendered_at", "first_downloaded_at", "voided_at",
               "voided_by_id", "void_reason")
_STATUS_STEPS = {
    (LetterStatus.RENDERING, LetterStatus.ISSUED),
    (LetterStatus.RENDERING, LetterStatus.VOID),
    (LetterStatus.ISSUED, LetterStatus.VOID),
}


def _plain(value):
    return value.name if isinstance(value, FieldFile) else value


class LetterQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LetterFrozenError("letters are changed only through letters.services, one row at a time")

    def delete(self):
        raise LetterFrozenError("letters are never deleted: void them (letters.services.letter_void)")

    def bulk_update(self, objs, fields, batch_size=None):
        raise LetterFrozenError("letters are changed only through letters.services, one row at a time")

    # The two writes that workers and downloads race on, as single conditional
    # UPDATEs (compare-and-set): each can happen once, whoever comes second
    # changes nothing. One statement also takes SQLite's write lock at once,
    # where read-then-write in a transaction could fail with "database is locked".

    def record_pdf(self, *, pk: int, name: str, sha256: str, page_count: int, rendered_at) -> bool:
        """Archive a letter's rendered PDF unless it has one; True when this call did."""
        rendering = models.Q(status=LetterStatus.RENDERING)
        return bool(models.QuerySet.update(
            self.filter(pk=pk, sha256=""),
            file=name,
            sha256=sha256,
            page_count=page_count,
            rendered_at=rendered_at,
            status=models.Case(models.When(rendering, then=models.Value(LetterStatus.ISSUED)),
                               default=models.F("status")),
            # Done: nobody holds it any more (a voided letter's row is left as it is).
            render_lease_until=models.Case(models.When(rendering, then=None),
                                           default=models.F("render_lease_until")),
        ))

    def take_render_lease(self, *, pk: int, now, until) -> bool:
        """Hold a letter still rendering until `until`, unless another worker holds it; True when taken.

        The lease is free when it was never taken, was released, or ran out
        (its worker died or hangs). `until` is also the holder's token for
        `release_render_lease`. Only letters in "rendering" are leased: an
        issued or void row is never touched here.
        """
        free = models.Q(render_lease_until__isnull=True) | models.Q(render_lease_until__lte=now)
        return bool(models.QuerySet.update(
            self.filter(free, pk=pk, status=LetterStatus.RENDERING, sha256=""), render_lease_until=until))

    def release_render_lease(self, *, pk: int, until) -> bool:
        """Give a lease back (rendering failed and will be retried); only its holder's `until` matches."""
        return bool(models.QuerySet.update(
            self.filter(pk=pk, status=LetterStatus.RENDERING, render_lease_until=until), render_lease_until=None))

    def record_first_download(self, *, pk: int, when) -> bool:
        """Set first_downloaded_at unless it is set; True when this call did."""
        return bool(models.QuerySet.update(self.filter(pk=pk, first_downloaded_at__isnull=True),
                                           first_downloaded_at=when))


class NumberSequence(models.Model):
    """The last number given per issuer, numbering family and year.

    Row-locked by `letters.numbering.number_allocate` inside the issuing
    transaction, so numbers have neither gaps nor duplicates.
    """

    issuer_key = models.CharField(max_length=100)
    family = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer_key", "family", "year"], name="letters_sequence_unique"),
        ]

    def __str__(self):
        return f"{self.issuer_key} {self.family} {self.year}: {self.last_value}"


class Letter(models.Model):
    kind = models.CharField(_("文种"), max_length=40, choices=LetterKind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=LetterStatus.choices,
                              default=LetterStatus.RENDERING)
    # The issuer as it was on the day: a plain copy, so renaming a department
    # later changes no archived letter.
    issuer_key = models.CharField(_("签发单位标识"), max_length=100)
    issuer_name = models.CharField(_("签发单位"), max_length=200)
    issuer_seal_path = models.CharField(_("印章图片"), max_length=500, blank=True)
    family = models.CharField(_("编号类别"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("顺序号"))
    number = models.CharField(_("文号"), max_length=120, unique=True)
    issued_on = models.DateField(_("成文日期"))
    addressee = models.TextField(_("主送"))
    cc = models.JSONField(_("抄送"), default=list, blank=True)
    context = models.JSONField(_("内容"), default=dict, encoder=DjangoJSONEncoder)
    verification_code = models.CharField(_("核验码"), max_length=16, unique=True)

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaced_by", verbose_name=_("替代的函件"))

    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("签发人"))
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)

    file = models.FileField(_("PDF 文件"), upload_to="letters/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    page_count = models.PositiveSmallIntegerField(_("页数"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    # While a worker renders: until when it holds the letter (take_render_lease).
    # After that the every-minute task queues the letter again (its worker died).
    render_lease_until = models.DateTimeField(_("生成租约到期"), null=True, blank=True, editable=False)

    first_downloaded_at = models.DateTimeField(_("首次下载时间"), null=True, blank=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("作废人"))
    void_reason = models.TextField(_("作废理由"), blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("函件")
        verbose_name_plural = _("函件")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issuer_key", "family", "year", "serial"],
                                    name="letters_number_unique_per_sequence"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._snapshot = instance._values()
        return instance

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self._refuse_frozen_changes(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._snapshot = self._values()

    def delete(self, *args, **kwargs):
        raise LetterFrozenError("letters are never deleted: void them (letters.services.letter_void)")

    def _values(self) -> dict:
        return {f.attname: _plain(getattr(self, f.attname)) for f in self._meta.concrete_fields}

    def _refuse_frozen_changes(self, update_fields) -> None:
        before = getattr(self, "_snapshot", None)
        if before is None:
            raise LetterFrozenError("save a letter loaded from the database, not one built by hand")
        names = {self._meta.get_field(n).attname for n in update_fields} if update_fields else set(before)
        for name in names:
            old, new = before[name], _plain(getattr(self, name))
            if old == new:
                continue
            if name == "status" and (old, new) in _STATUS_STEPS:
                continue
            if name in _WRITE_ONCE and old in (None, ""):
                continue
            raise LetterFrozenError(f"letter {before['number']}: {name} is frozen ({old!r} → {new!r})")

    @property
    def is_available(self) -> bool:
        """Whether the PDF is stored (issued, or voided after rendering)."""
        return bool(self.sha256 and self.file)

    @property
    def verification_code_display(self) -> str:
        c = self.verification_code
        return "-".join(c[i:i + 4] for i in range(0, len(c), 4))
