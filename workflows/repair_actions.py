"""Starting a credit repair application; every other step is an action of `workflows.actions`."""

from casework.models import RepairCase, User
from casework.services import repairs as services
from workflows.actions import start


def repair_apply(*, acting_user: User, **kwargs) -> RepairCase:
    """Apply for credit repair and open its process (the review task of the determining department)."""
    return start(RepairCase, services.repair_apply, acting_user=acting_user, **kwargs)
