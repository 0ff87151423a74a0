"""What several models are built from: abstract bases, field factories, the fsm permission hook.

Only pieces whose meaning is the same wherever they are used live here. Fields that merely
look alike stay with their model. Where one kind of field recurs (who took a step, a case's
status), each model still declares, names and labels its own; the factory here holds the
rule every copy must keep (PROTECT without a reverse accessor; protected and indexed).
Abstract bases add no table: the schema is the models' own.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField


class Timestamped(models.Model):
    """When the row was written and when it last changed (set by Django, never by hand)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


# The status value of 已撤回 in every kind a subject may withdraw (objection, repair, appeal).
WITHDRAWN = "withdrawn"


class CaseModel(ConcurrentTransitionMixin, Timestamped):
    """A case of one kind (objection, repair, rectification, complaint, appeal): numbered, closed once.

    `ConcurrentTransitionMixin`: of two transitions racing on one case, the second fails
    (the status it started from has changed) instead of silently overwriting the first.
    """

    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.number

    @property
    def is_withdrawn(self) -> bool:
        """Whether the subject withdrew the case (never true of a kind that cannot be withdrawn).

        Withdrawal also meets the case's deadline (reply, review, decision): pages must not
        read that as answered or decided.
        """
        return self.status == WITHDRAWN


class UploadedFile(models.Model):
    """A file someone sent with a case, as `casework.evidence` accepted it (the same rules for all).

    The stored name comes from the content's hash and detected type; the name the sender gave
    it is kept for the lists and the download only.
    """

    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


def done_by(verbose_name=None, *, optional: bool = False, help_text="", db_constraint: bool = True) -> models.ForeignKey:
    """The person who took a step the row records (lodged, decided, uploaded, confirmed, signed…).

    PROTECT: a user who acted is never deleted while a row names them (Django's deletion
    refuses it, with or without the database's constraint; `db_constraint=False` only for
    a table written a million rows at a time, see `casework.models.audit`).
    No reverse accessor (`related_name="+"`): nothing asks a user for the rows they acted on
    this way (the audit trail answers that). `optional`: empty until the step is taken.
    """
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT,
                             related_name="+", null=optional, blank=optional, help_text=help_text,
                             db_constraint=db_constraint)


def status_field(choices: type[models.TextChoices], *, default, max_length: int = 32) -> FSMField:
    """The status of a case, report or task with a state machine: the truth of where it stands.

    `protected`: it changes only through the model's transitions (called by the services),
    never by assignment. Indexed: every queue and count filters on it.
    """
    return FSMField(_("状态"), max_length=max_length, choices=choices.choices, default=default,
                    protected=True, db_index=True)


def only_set(field: str | None, among: tuple[str, ...], **also) -> models.Q:
    """The condition that `field` is set and every other field of `among` empty (`None`: all empty).

    For check constraints of the kind "exactly one of these links is set"; `also` adds the
    rest of the condition (`role="handler"`).
    """
    return models.Q(**also, **{f"{name}__isnull": name != field for name in among})


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


class OptionalCaseLink(CaseLink):
    """A row that belongs to a case, or to none (a record-level platform report, a report's
    announcement): the same link, both columns empty when there is no case."""

    case_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case_id = models.PositiveBigIntegerField(null=True, blank=True)

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
