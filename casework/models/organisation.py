from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.uscc import validate_uscc


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市（州）级")
    COUNTY = "county", _("县（市、区）级")


class Jurisdiction(models.Model):
    """An administrative area: province → city/prefecture → county.

    `path` is the chain of division codes from the root ("220000/220100/"), so
    "this jurisdiction and everything below it" is one indexed prefix match.
    It is written only by `casework.services.organisation`.
    """

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("路径"), max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        ordering = ["path"]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A government department acting in this system.

    One department can play several roles at once: the body that determined a
    record (认定部门), the operator of a credit platform at its level, and the
    supervisor office of the joint conference (联席会议办公室).
    """

    name = models.CharField(_("部门名称"), max_length=128)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("所属行政区域"), on_delete=models.PROTECT, related_name="departments"
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc])
    is_determining = models.BooleanField(_("认定部门"), default=False)
    is_platform_operator = models.BooleanField(_("信用平台运行单位"), default=False)
    is_supervisor_office = models.BooleanField(_("联席会议办公室"), default=False)
    seal_image = models.ImageField(_("印章图片"), upload_to="seals/", blank=True)
    document_prefix = models.CharField(
        _("发文字号代字"), max_length=16, blank=True, help_text=_("如“长财信”，文号为 长财信〔2026〕15号")
    )
    # Printed on every letter the department issues: a subject must know whom to call.
    contact_person = models.CharField(_("联系人"), max_length=32, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    # Letter kinds (letters.kinds codes) its handlers issue in one step, without 审核 and 签发.
    # Empty, the default: every decision letter is reviewed and signed off first.
    one_step_letter_kinds = models.JSONField(_("可一步出具的文书种类"), default=list, blank=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["jurisdiction__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="department_unique_name_per_jurisdiction")
        ]

    def __str__(self):
        return self.name
