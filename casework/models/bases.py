"""What several models are built from: abstract bases and the fsm permission hook.

Only pieces whose meaning is the same wherever they are used live here; fields that
merely look alike (a status per kind, a "who did it" per history table) stay with their
model. Abstract bases add no table: the schema is the models' own.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin


class Timestamped(models.Model):
    """When the row was written and when it last changed (set by Django, never by hand)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CaseModel(ConcurrentTransitionMixin, Timestamped):
    """A case of one kind (objection, repair, rectification): numbered, closed once.

    `ConcurrentTransitionMixin`: of two transitions racing on one case, the second fails
    (the status it started from has changed) instead of silently overwriting the first.
    """

    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.number


def case_indexes(*, department: str, open_statuses, open_index: str) -> list[models.Index]:
    """The indexes every case kind has, on its answering `department` field.

    The department's cases by status (its queue), the subject's cases by status (the portal),
    and `open_index` for the supervisors' open-case counts per department for the subjects in
    their jurisdiction: one short index range per subject, answered from the index alone.
    """
    return [
        models.Index(fields=[department, "status"]),
        models.Index(fields=["subject"], include=[department], condition=models.Q(status__in=open_statuses),
                     name=open_index),
        models.Index(fields=["subject", "status"]),
    ]


class CaseLink(models.Model):
    """A row that belongs to a case of any kind (generic: several kinds share the table)."""

    case_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")

    class Meta:
        abstract = True


def permission_of(checker: str):
    """django-fsm `permission` callables of one case kind, deferring to `casework.permissions.<checker>`.

    `_may = permission_of("objection_actor_may")`, then `permission=_may("accept")` on a
    transition. casework.permissions imports the models, so it is imported when a check runs.
    """

    def may(action: str):
        def check(case, user) -> bool:
            from casework import permissions

            return getattr(permissions, checker)(user, case, action)

        check.__name__ = f"may_{action}"
        return check

    return may
