"""Starting an objection, and the platform's receipt for a report of any case kind.

Every other step is an action of `workflows.actions` (`act`, `allowed_actions`).
"""

from casework.models import ObjectionCase, User
from casework.services import followup
from casework.services import objections as services
from workflows.actions import start
from workflows.case_flow import case_act, process_for
from workflows.flows import flow_for_case

__all__ = ["objection_lodge", "platform_report_acknowledge", "process_for"]


def objection_lodge(*, acting_user: User, **kwargs) -> ObjectionCase:
    """Lodge an objection and open its process (the review task of the handling department)."""
    # `start` opens the one transaction (or savepoint) of the case and its flow and lets every
    # error end it: the service's writes need no savepoint of their own inside it.
    return start(ObjectionCase, services.objection_lodge_within, acting_user=acting_user, **kwargs)


def platform_report_acknowledge(*, report, receipt: str, at, acting_user: User | None = None):
    """The provincial platform acknowledged a report (from the delivery worker), whatever its case kind.

    Meets the report's deadline and, when the case waited only for this,
    closes it and ends its process. A record-level message (终止公示) has no
    case and no process: it is acknowledged on its own.
    """
    if report.case_id is None:
        return followup.platform_report_acknowledge(report=report, receipt=receipt, at=at, acting_user=acting_user)
    case = report.case

    def acknowledge(*, case, acting_user):
        return followup.platform_report_acknowledge(report=report, receipt=receipt, at=at, acting_user=acting_user)

    return case_act(flow_for_case(case), case=case, service=acknowledge, acting_user=acting_user, kwargs={})
