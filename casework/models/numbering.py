from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number issued per prefix and year (XY-2026-000001, YY-2026-…).

    A row lock on this table serialises issuing, so two writers never receive
    the same number and no number is skipped by a rolled-back transaction.
    """

    prefix = models.CharField(_("前缀"), max_length=8)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用最大号"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="number_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
