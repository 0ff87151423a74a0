"""Ordering a rectification; every other step is an action of `workflows.actions`."""

from casework.models import RectificationCase, User
from casework.services import rectifications as services
from workflows.actions import start


def rectification_order(*, acting_user: User, **kwargs) -> RectificationCase:
    """Order a government to rectify and open the case's process (the government's turn)."""
    return start(RectificationCase, services.rectification_order, acting_user=acting_user, **kwargs)
