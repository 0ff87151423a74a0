"""The daily lapse of supply limits: each case whose materials did not arrive in time
goes back in hand through its flow, so the department's task opens again."""

import logging

from casework.errors import DomainError
from casework.services.materials import materials_lapse, materials_lapsed_cases
from workflows.case_flow import case_act
from workflows.flows import flow_for_case

logger = logging.getLogger(__name__)


def materials_lapse_due(*, today) -> int:
    """Lapse every supply limit that passed before `today`; return how many cases went back.

    One transaction per case: a case someone changed meanwhile (materials supplied,
    withdrawn) is left as it is and the others go on. Running it again changes nothing.
    """
    lapsed = 0
    for case in materials_lapsed_cases(today=today):
        try:
            case_act(flow_for_case(case), case=case, service=materials_lapse, acting_user=None,
                     kwargs={"today": today})
        except DomainError as exc:  # the case moved on since it was read
            logger.info("materials lapse skipped %s %s: %s", type(case).__name__, case.pk, exc)
            continue
        lapsed += 1
    return lapsed
