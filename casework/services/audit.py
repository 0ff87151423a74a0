from django.contrib.contenttypes.models import ContentType
from django.db import models

from casework.models import AuditEntry, User


def audit_write(
    *,
    target: models.Model,
    action: str,
    actor: User | None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Append a row to `target`'s audit trail.

    Call it inside the transaction that makes the change it describes.
    `actor=None` means the system acted (a recomputation, a timer).
    """
    return AuditEntry.objects.create(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )


def audit_trail(target: models.Model):
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True), target_id=target.pk
    ).select_related("actor")
