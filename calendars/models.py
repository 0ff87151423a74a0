from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    WORKING = "working", _("上班")
    DAY_OFF = "day_off", _("休息")


class CalendarOverride(models.Model):
    """An administrator's ruling on one date, above what `holidays.China` says.

    Written only through `calendars.services` and `calendars.notice_import`,
    which bump `CalendarVersion` in the same transaction so every process
    rebuilds its working-day index.
    """

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("设置为"), max_length=16, choices=DayKind.choices)
    reason = models.CharField(_("事由"), max_length=200)
    notice_ref = models.CharField(
        _("依据文件"), max_length=100, blank=True, help_text=_("例如：国办发明电〔2025〕7号")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("设置人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("设置时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作日历调整")
        verbose_name_plural = _("工作日历调整")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}（{self.reason}）"


class ConfirmedYear(models.Model):
    """A year whose State Council holiday notice an administrator entered.

    Years the installed `holidays` package already knows are confirmed without
    a row here; every other year is provisional until one is written.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice_ref = models.CharField(_("放假通知文号"), max_length=100)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        verbose_name = _("已确认年度")
        verbose_name_plural = _("已确认年度")
        ordering = ["year"]

    def __str__(self):
        return f"{self.year}（{self.notice_ref}）"


class CalendarVersion(models.Model):
    """One row whose token changes with every change of overrides or years.

    Each process keeps its working-day index with the token it was built
    from and rebuilds when the row says otherwise. The token is random rather
    than a counter so that a change rolled back in one process can never be
    mistaken for a later committed change elsewhere; `number` is for people.
    """

    number = models.PositiveIntegerField(_("版本号"), default=0)
    token = models.CharField(_("版本标识"), max_length=32, default="initial")
    changed_at = models.DateTimeField(_("变更时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作日历版本")
        verbose_name_plural = _("工作日历版本")

    def __str__(self):
        return f"v{self.number}"
