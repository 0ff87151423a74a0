"""Moving a case through its flow in a test as the pages do: one action at a time, and the queue's claim."""

import re

from viewflow.workflow.status import STATUS

from workflows.actions import act
from workflows.case_flow import process_for

QUEUE = "/staff/work/queue/"


def open_nodes(case) -> list[str]:
    """The names of the case's flow tasks still to be done, sorted."""
    return sorted(t.flow_task.name
                  for t in process_for(case).task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]))


def step(case, action, user, **payload):
    """`act` on the case as the database holds it, then reload it; gives back what `act` gave."""
    case.refresh_from_db()
    result = act(case=case, action=action, acting_user=user, payload=payload)
    case.refresh_from_db()
    return result


def claim_and_open_task(client, node: str):
    """Claim the first task in the logged-in handler's queue and open the page of its `node` task;
    gives back the task page's final URL and the page."""
    page = client.get(QUEUE).content.decode()
    claim = re.search(r'action="(/staff/work/queue/claim/\d+/)"', page).group(1)
    client.post(claim, {"next": QUEUE})
    page = client.get(QUEUE).content.decode()
    task_url = re.search(rf'href="([^"]+/{node}/\d+/[^"]*)"', page).group(1)
    task_page = client.get(task_url, follow=True)
    return (task_page.redirect_chain[-1][0] if task_page.redirect_chain else task_url), task_page
