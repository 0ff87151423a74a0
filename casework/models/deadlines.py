from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models.bases import Timestamped


class DeadlineKind(models.TextChoices):
    REPLY = "reply", _("书面答复")
    MATERIALS = "materials", _("补正材料")
    PROVINCIAL_REPORT = "provincial_report", _("报送省级信用平台")
    RECTIFICATION = "rectification", _("限期整改")
    MEASURE_LIFTING = "measure_lifting", _("解除惩戒措施")
    REPAIR_REVIEW = "repair_review", _("信用修复审核")
    COMPLAINT_ACCEPTANCE = "complaint_acceptance", _("投诉受理审查")
    COMPLAINT_HANDLING = "complaint_handling", _("投诉转办办理")
    APPEAL_DECISION = "appeal_decision", _("信用修复申诉处理")


class CaseKindCode(models.TextChoices):
    """The kind of case a deadline runs on, whoever owns it (the case, its report or a lifting)."""

    OBJECTION = "objection", _("异议")
    REPAIR = "repair", _("信用修复")
    RECTIFICATION = "rectification", _("整改")
    COMPLAINT = "complaint", _("投诉")
    APPEAL = "appeal", _("信用修复申诉")


class Deadline(Timestamped):
    """A time limit in working days that runs on a case.

    Written only through `casework.services.deadlines`. `due_date` is the legal
    due date, stored (and indexed) so dashboards can query it; it is recomputed
    when the clock is paused or resumed and when the working-day calendar
    changes. It is empty while the clock stands still, since nobody can say yet
    when it ends. `stated_due_date` is the date a letter told the subject; a
    calendar change never rewrites it, so the two may differ afterwards.

    `paused_spans` is a list of [first, last] ISO dates, both included, whose
    working days do not count; `last` is null while the pause lasts.
    """

    # Not indexed alone: the (owner type, owner id) index serves it. Every index here is
    # rewritten for each deadline a calendar change re-dates (benchmarks/recompute.py).
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", db_index=False)
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("期限类型"), max_length=32, choices=DeadlineKind.choices)
    # Who the deadline concerns, worked out once by `deadline_create` from its owner
    # (`casework.deadline_parties`) and stored, so supervisors' figures over a million
    # cases read this one table: no join through reports, liftings, cases and subjects.
    case_kind = models.CharField(_("案件类别"), max_length=16, choices=CaseKindCode.choices)
    case_id = models.PositiveBigIntegerField(_("案件"))
    acting_department = models.ForeignKey(
        "casework.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        db_index=False, verbose_name=_("应办理部门"), help_text=_("为空表示由申请主体办理（如补正材料）"),
    )
    # The subject's jurisdiction (what scopes a supervisor); `subject_move` keeps it current.
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", on_delete=models.PROTECT, related_name="+", db_index=False,
        verbose_name=_("主体所属行政区域"),
    )
    start_date = models.DateField(_("起算日"), help_text=_("收到之日，不计入期限"))
    working_days = models.PositiveSmallIntegerField(_("工作日数"))
    paused_spans = models.JSONField(_("中止计时区间"), default=list, blank=True)
    calculated_due_date = models.DateField(_("按日历计算的到期日"), null=True, blank=True)
    due_date = models.DateField(
        # Not indexed alone: every query by due date asks for open deadlines, which the partial
        # deadline_open_due_idx below holds.
        _("法定到期日"), null=True, blank=True,
        help_text=_("按现行工作日历计算；队列、逾期统计、提醒和督办均以此为准"),
    )
    provisional = models.BooleanField(
        _("暂定"), default=False, help_text=_("计算经过尚未确认放假安排的年度，可能随放假通知调整")
    )
    stated_in_letter = models.BooleanField(_("已在函件中告知"), default=False)
    stated_due_date = models.DateField(_("函件所述到期日"), null=True, blank=True)
    kept_stated_date = models.BooleanField(
        _("函件所述日期晚于法定到期日"), default=False,
        help_text=_("日历调整后法定到期日早于已告知申请主体的日期；告知的日期对申请主体继续有效"),
    )
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # The Beijing calendar date of met_at, stored with it (by `deadline_meet`) so the
    # dashboard's and reports' period queries filter and group on an indexed date
    # instead of converting every timestamp's time zone row by row.
    met_on = models.DateField(_("完成日期（北京时间）"), null=True, blank=True, editable=False)
    # Working days from the day after the start to met_on, paused spans included (what the
    # subject waited), stored by `deadline_meet` so period figures group by it in SQL.
    met_working_days = models.PositiveIntegerField(_("用时（工作日）"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"]),
            models.Index(fields=["case_kind", "case_id"]),
            # Dashboard "now": open deadlines by due date. The columns the figures group
            # and scope by are included so PostgreSQL answers from the index alone.
            models.Index(
                fields=["due_date"], include=["case_kind", "kind", "acting_department", "jurisdiction"],
                condition=Q(met_at__isnull=True, due_date__isnull=False), name="deadline_open_due_idx",
            ),
            # The same two for a city's or county's supervisor: only its own jurisdictions' rows.
            models.Index(
                fields=["jurisdiction", "due_date"], include=["case_kind", "kind", "acting_department"],
                condition=Q(met_at__isnull=True, due_date__isnull=False), name="deadline_open_scope_idx",
            ),
            models.Index(
                fields=["jurisdiction", "met_on"],
                include=["case_kind", "kind", "acting_department", "due_date", "met_working_days"],
                condition=Q(met_on__isnull=False), name="deadline_met_scope_idx",
            ),
            # Dashboard and reports over a period: deadlines met on a range of Beijing dates.
            models.Index(
                fields=["met_on"],
                include=["case_kind", "kind", "acting_department", "jurisdiction", "due_date", "met_working_days"],
                condition=Q(met_on__isnull=False), name="deadline_met_on_idx",
            ),
        ]
        constraints = [
            # met_on is met_at's date: both are set, or neither.
            models.CheckConstraint(
                condition=Q(met_at__isnull=True, met_on__isnull=True) | Q(met_at__isnull=False, met_on__isnull=False),
                name="deadline_met_on_with_met_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.working_days}个工作日，至{self.due_date or '（中止计时）'}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None

    @property
    def is_paused(self) -> bool:
        return bool(self.paused_spans) and self.paused_spans[-1][1] is None
