"""Running counts behind the province-wide dashboard.

Counting a million cases' open deadlines on every page view takes PostgreSQL
about a hundred milliseconds on its own. These tables hold the same numbers as
signed deltas: every service that opens or closes a case, or starts, pauses,
resumes, moves or meets a deadline, inserts a +1 and/or a -1 row in its own
transaction (`casework.services.tallies`). Nothing is updated in place, so two
departments closing cases at once never wait on a shared counter row or
deadlock on it. A periodic job folds the deltas into one row per key; readers
sum whatever is there, so they are exact at any moment, folded or not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .deadlines import CaseKindCode, DeadlineKind

NO_DEPARTMENT = 0  # the subject must act (materials to supply)


class OpenCaseTally(models.Model):
    """Open cases per case kind and the department answering for them."""

    case_kind = models.CharField(_("案件类别"), max_length=16, choices=CaseKindCode.choices)
    department_key = models.PositiveBigIntegerField(_("部门"))
    n = models.IntegerField(_("增减数"))

    class Meta:
        verbose_name = _("未办结案件计数")
        verbose_name_plural = _("未办结案件计数")


class OpenDeadlineTally(models.Model):
    """Open deadlines with a due date, per case kind, deadline kind, acting department and due date."""

    case_kind = models.CharField(_("案件类别"), max_length=16, choices=CaseKindCode.choices)
    kind = models.CharField(_("期限类型"), max_length=32, choices=DeadlineKind.choices)
    department_key = models.PositiveBigIntegerField(_("部门"), help_text=_("0表示由申请主体办理"))
    due_date = models.DateField(_("到期日"))
    n = models.IntegerField(_("增减数"))

    class Meta:
        verbose_name = _("未完成期限计数")
        verbose_name_plural = _("未完成期限计数")
