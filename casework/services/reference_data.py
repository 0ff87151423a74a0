"""Edits of reference data made by an administrator (the admin site): jurisdictions,
departments and subjects. Each runs the entity's own service and writes one audit row
naming the administrator and every field that changed, old and new value.

Nothing here deletes: reference data is referenced by cases, letters and the audit trail.
"""

from django.db import models, transaction

from casework.errors import full_clean_or_raise
from casework.models import Department, Jurisdiction, Subject, User
from casework.services.audit import audit_write
from casework.services.organisation import jurisdiction_save
from casework.services.subjects import subject_create, subject_save


def _shown(value) -> str | int | bool | None:
    if value is None or isinstance(value, (bool, int)):
        return value
    return str(value)


def field_changes(*, before: models.Model | None, after: models.Model, exclude=()) -> dict:
    """{field name: [old, new]} for each concrete field whose value differs (all when `before` is None)."""
    changes = {}
    for field in after._meta.concrete_fields:
        if field.primary_key or field.name in exclude:
            continue
        new = _shown(field.value_from_object(after))
        old = _shown(field.value_from_object(before)) if before is not None else None
        if before is None or old != new:
            changes[field.name] = [old, new]
    return changes


def _audit_edit(*, target, before, acting_user, kind: str, exclude=()) -> None:
    changes = field_changes(before=before, after=target, exclude=exclude)
    if before is not None and not changes:
        return
    action = f"{kind}_created" if before is None else f"{kind}_edited"
    names = "、".join(str(target._meta.get_field(name).verbose_name) for name in changes)
    reason = "管理员新建" if before is None else f"管理员修改：{names}"
    audit_write(target=target, action=action, actor=acting_user, reason=reason, details={"changes": changes})


def _before(model, pk):
    return model.objects.select_for_update().filter(pk=pk).first() if pk else None


@transaction.atomic
def jurisdiction_admin_save(*, jurisdiction: Jurisdiction, acting_user: User) -> Jurisdiction:
    """Create or edit a jurisdiction (its subtree's paths follow); audited."""
    before = _before(Jurisdiction, jurisdiction.pk)
    jurisdiction_save(jurisdiction=jurisdiction)
    _audit_edit(target=jurisdiction, before=before, acting_user=acting_user, kind="jurisdiction",
                exclude=("path",))
    return jurisdiction


@transaction.atomic
def department_admin_save(*, department: Department, acting_user: User) -> Department:
    """Create or edit a department; audited."""
    before = _before(Department, department.pk)
    full_clean_or_raise(department)
    department.save()
    _audit_edit(target=department, before=before, acting_user=acting_user, kind="department")
    return department


@transaction.atomic
def subject_admin_save(*, subject: Subject, acting_user: User) -> Subject:
    """Register a subject (with `subject_create`'s checks) or save an edit (a move takes its
    cases' deadlines along, `subject_save`); audited either way."""
    if subject.pk is None:
        created = subject_create(kind=subject.kind, name=subject.name, jurisdiction=subject.jurisdiction,
                                 uscc=subject.uscc, employer=subject.employer)
        subject.pk, subject.uscc, subject.name = created.pk, created.uscc, created.name
        subject._state.adding = False
        _audit_edit(target=created, before=None, acting_user=acting_user, kind="subject",
                    exclude=("created_at",))
        return created
    before = _before(Subject, subject.pk)
    subject_save(subject=subject, acting_user=acting_user)
    _audit_edit(target=subject, before=before, acting_user=acting_user, kind="subject")
    return subject
