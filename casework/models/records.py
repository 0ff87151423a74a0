from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from casework.limits import LONG_TEXT_MAX


class RecordKind(models.TextChoices):
    DISHONESTY = "dishonesty", _("政务失信记录")
    COMMENDATION = "commendation", _("守信表彰记录")
    ADMINISTRATIVE = "administrative", _("行政管理信息")
    OTHER = "other", _("其他信息")


class KeyArea(models.TextChoices):
    """Key areas of government dishonesty named by the plan (seed 二(五))."""

    GOVERNMENT_PROCUREMENT = "procurement", _("政府采购")
    PPP = "ppp", _("政府和社会资本合作（PPP）")
    BIDDING = "bidding", _("招标投标")
    INVESTMENT_PROMOTION = "investment", _("招商引资")
    GOVERNMENT_DEBT = "debt", _("地方政府债务")
    TOWNSHIP = "township", _("街道和乡镇")
    OTHER = "other", _("其他")


class PlatformLevel(models.TextChoices):
    PROVINCE = "province", _("省级信用信息共享平台")
    CITY = "city", _("市级信用信息共享平台")
    COUNTY = "county", _("县级信用信息共享平台")


class Severity(models.TextChoices):
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("严重")


class RecordStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    UNDER_OBJECTION = "under_objection", _("异议处理中")
    UNDER_REPAIR = "under_repair", _("信用修复申请审核中")
    CORRECTED = "corrected", _("已更正")
    REVOKED = "revoked", _("已撤销")
    REPAIRED = "repaired", _("已修复")


class CreditRecord(FSMModelMixin, models.Model):
    """One entry in a subject's credit file (信用记录).

    Created only through `casework.services.records.credit_record_create`,
    which refuses classified content before anything is written. The status
    changes only through the case services (objection, repair).
    """

    number = models.CharField(_("记录编号"), max_length=32, unique=True, editable=False)
    subject = models.ForeignKey(
        "casework.Subject", verbose_name=_("政务主体"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("记录类型"), max_length=32, choices=RecordKind.choices)
    key_area = models.CharField(_("重点领域"), max_length=32, choices=KeyArea.choices)
    determined_by = models.ForeignKey(
        "casework.Department", verbose_name=_("认定部门"), on_delete=models.PROTECT, related_name="determined_records"
    )
    platform_level = models.CharField(_("归集平台"), max_length=16, choices=PlatformLevel.choices)
    facts = models.TextField(_("失信事实"), max_length=LONG_TEXT_MAX)
    legal_basis = models.TextField(_("认定依据"), max_length=LONG_TEXT_MAX)
    determined_on = models.DateField(_("认定日期"))
    severity = models.CharField(_("严重程度"), max_length=16, choices=Severity.choices)
    status = FSMField(
        _("状态"), max_length=32, choices=RecordStatus.choices, default=RecordStatus.ACTIVE, protected=True
    )
    is_published = models.BooleanField(_("已公示"), default=False)
    # The first day of publication; its end follows from the severity (casework/publication.py).
    # Kept when publication ends, for the record's history.
    published_on = models.DateField(_("公示起始日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        ordering = ["-determined_on", "-id"]
        indexes = [models.Index(fields=["subject", "status"]), models.Index(fields=["determined_by", "status"])]

    def __str__(self):
        return f"{self.number} {self.subject}"

    # --- transitions, called only by the case services ---

    @transition(status, source=RecordStatus.ACTIVE, target=RecordStatus.UNDER_OBJECTION)
    def mark_under_objection(self):
        pass

    @transition(status, source=RecordStatus.UNDER_OBJECTION, target=RecordStatus.ACTIVE)
    def clear_objection(self):
        pass

    @transition(status, source=RecordStatus.UNDER_OBJECTION, target=RecordStatus.CORRECTED)
    def correct(self, *, fields: dict):
        for name, value in fields.items():
            setattr(self, name, value)
        # A corrected or revoked record stops being shown (DOMAIN rule 9).
        self.is_published = False

    @transition(status, source=RecordStatus.UNDER_OBJECTION, target=RecordStatus.REVOKED)
    def revoke(self):
        self.is_published = False

    # While a repair application is reviewed the record accepts no objection
    # (and an objected record no repair): one open case per record.
    @transition(status, source=RecordStatus.ACTIVE, target=RecordStatus.UNDER_REPAIR)
    def mark_under_repair(self):
        pass

    @transition(status, source=RecordStatus.UNDER_REPAIR, target=RecordStatus.ACTIVE)
    def clear_repair(self):
        pass

    @transition(status, source=[RecordStatus.ACTIVE, RecordStatus.UNDER_REPAIR], target=RecordStatus.REPAIRED)
    def repair(self):
        # A repaired record stops being shown (国办发〔2025〕22号).
        self.is_published = False


class MeasureKind(models.TextChoices):
    """Joint punishment measures typical of the plan (seed 二(八))."""

    NO_HONOURS = "no_honours", _("限制参加评先评优")
    NO_FUNDING = "no_funding", _("限制财政资金和项目支持")
    NO_NEW_PROJECTS = "no_new_projects", _("限制新增项目审批")
    PERFORMANCE_DEDUCTION = "performance_deduction", _("绩效考核扣分")
    PUBLIC_CRITICISM = "public_criticism", _("通报批评")
    INTERVIEW = "interview", _("约谈")
    OTHER = "other", _("其他措施")


class MeasureStatus(models.TextChoices):
    ACTIVE = "active", _("执行中")
    LIFTED = "lifted", _("已解除")
    REDUCED = "reduced", _("已减轻")


class PunishmentMeasure(FSMModelMixin, models.Model):
    """A measure a department imposed because of a record (失信惩戒措施).

    Joint punishment: one record usually carries measures from several
    departments, and each imposing department lifts its own.
    """

    record = models.ForeignKey(
        CreditRecord, verbose_name=_("信用记录"), on_delete=models.PROTECT, related_name="measures"
    )
    imposed_by = models.ForeignKey(
        "casework.Department", verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="imposed_measures"
    )
    kind = models.CharField(_("措施类型"), max_length=32, choices=MeasureKind.choices)
    description = models.TextField(_("措施内容"), blank=True, max_length=LONG_TEXT_MAX)
    imposed_on = models.DateField(_("实施日期"))
    status = FSMField(
        _("状态"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.ACTIVE, protected=True
    )
    lifted_on = models.DateField(_("解除（减轻）日期"), null=True, blank=True)
    # The case (objection or repair) that lifted or reduced the measure; generic
    # because several case kinds can do it.
    lifted_by_case_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_by_case_id = models.PositiveBigIntegerField(null=True, blank=True)
    lifted_by_case = GenericForeignKey("lifted_by_case_type", "lifted_by_case_id")

    class Meta:
        verbose_name = _("惩戒措施")
        verbose_name_plural = _("惩戒措施")
        ordering = ["record", "imposed_on", "id"]
        indexes = [models.Index(fields=["imposed_by", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.imposed_by}）"

    @transition(status, source=MeasureStatus.ACTIVE, target=MeasureStatus.LIFTED)
    def lift(self, *, on, case):
        self.lifted_on = on
        self.lifted_by_case = case

    @transition(status, source=MeasureStatus.ACTIVE, target=MeasureStatus.REDUCED)
    def reduce(self, *, on, case):
        self.lifted_on = on
        self.lifted_by_case = case
