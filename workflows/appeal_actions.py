"""Lodging an appeal against a repair decision; every other step is an action of `workflows.actions`."""

from casework.models import RepairAppeal, User
from casework.services import appeals as services
from workflows.actions import start


def repair_appeal_lodge(*, acting_user: User, **kwargs) -> RepairAppeal:
    """Appeal a repair decision and open its process (the office's acceptance review)."""
    return start(RepairAppeal, services.repair_appeal_lodge, acting_user=acting_user, **kwargs)
