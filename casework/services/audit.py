from django.contrib.contenttypes.models import ContentType
from django.db import models

from casework.models import AuditEntry, User


def audit_write(**row) -> AuditEntry:
    """Append a row to `target`'s audit trail; the arguments are `audit_entry`'s.

    Call it inside the transaction that makes the change it describes.
    `actor=None` means the system acted (a recomputation, a timer).
    """
    entry = audit_entry(**row)
    entry.save()
    return entry


def audit_entry(
    *,
    target: models.Model,
    action: str,
    actor: User | None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """The row `audit_write` appends, not saved yet (for `audit_write_many`): about `target`, what
    was done (`action`), by whom (`actor`, None: the system), the states it moved between, why."""
    return AuditEntry(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )


def audit_write_many(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Append several rows (`audit_entry`) in one INSERT, in the order given; as `audit_write`,
    inside the transaction that makes the changes they describe."""
    return AuditEntry.objects.bulk_create(entries)


def audit_trail(target: models.Model):
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True), target_id=target.pk
    ).select_related("actor")
