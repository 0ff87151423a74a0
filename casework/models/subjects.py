from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.uscc import validate_uscc


class SubjectKind(models.TextChoices):
    GOVERNMENT = "government", _("政府")
    DEPARTMENT = "department", _("政府部门")
    PUBLIC_INSTITUTION = "public_institution", _("公益类事业单位")
    CIVIL_SERVANT = "civil_servant", _("公务员")


class Subject(models.Model):
    """A government subject (政务主体) that holds a credit file.

    Organisations carry a unified social credit code; a civil servant is
    identified by name and employing organisation only (no ID number is kept:
    nothing in this system needs it).
    """

    kind = models.CharField(_("主体类型"), max_length=32, choices=SubjectKind.choices)
    name = models.CharField(_("名称"), max_length=128)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, null=True, blank=True, unique=True, validators=[validate_uscc]
    )
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("所属行政区域"), on_delete=models.PROTECT, related_name="subjects"
    )
    employer = models.ForeignKey(
        "self",
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("公务员所在的机关或单位"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政务主体")
        verbose_name_plural = _("政务主体")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="subject_organisation_has_uscc",
                condition=models.Q(kind="civil_servant") | models.Q(uscc__isnull=False),
            ),
            models.CheckConstraint(
                name="subject_civil_servant_has_employer",
                condition=~models.Q(kind="civil_servant") | models.Q(employer__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name
