"""Query budgets of the hot paths: lodging through the API, the department queue, a case page.

Counted as pytest-django counts them: every statement, savepoints included
(inside the test's transaction the lodge's own transaction is one more
savepoint pair; in production it is BEGIN/COMMIT, which are not counted).
The lodge is counted in the steady state: the year's number sequence and the
department's running counts exist already.

Where a lodge's statements go (19 here; benchmarks/load.py counts 19 on
PostgreSQL as well): token authentication 1 (the token with its user;
api.token_auth no longer reads the user's other tokens), the record's visibility 1, the
test's savepoint pair 2, `objection_lodge_within` 12, the flow's start 3, the
201 answer 0. The service: the record's locked read 1, the case number 1 (one
upsert … RETURNING), the case 1, the department's open-case count 1, the
record's status 1, the calendar's version token 1 (every write storing a due
date checks it), the reply deadline 1 (written as stated in the receipt), its
count 1, the three audit rows 1 (case, record, deadline: one INSERT), and the
receipt (受理回执) 3: the office a subject turns to (its name is in the letter)
1, the letter sequence 1 (one upsert … RETURNING) and the letter 1. The flow:
the process, its three tasks (start and route done, review open), their links
(workflows.case_flow.CaseStartActivation). The answer is built from the rows
the lodge wrote (casework.selectors.objection_detail_as_lodged).
Saved from 47: the service's, the deadline's, the letter's and viewflow's
savepoints 8, the two sequences' locked reads 3, the letter number's and
verification code's uniqueness reads 2 (their unique constraints refuse a
duplicate), two audit INSERTs, the receipt's UPDATE of the deadline, 5 more of
the flow's start (the route task's UPDATE, the handler rule's read — a new process
has no finished human step — and three single-row INSERTs), the answer's 6 reads.
"""

import pytest
from viewflow.workflow.models import Process

from casework.models import ObjectionCase
from tests.api.conftest import World
from tests.factories import CreditRecordFactory, UserFactory
from workflows.flows import ObjectionFlow
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db

GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"
LODGE_BUDGET = 19  # measured; 20 before api.token_auth, 47 before the savings above (54 at first)
# 10 measured whatever the number of rows: session and user 2; which case kinds have tasks, liftings
# or reports waiting for the department 1 (staff.queue_rows.waiting_kinds: a kind with none gets no
# part in the tables' UNIONs); the tasks' COUNT and page read 2, each a UNION over the kinds found; the
# page's tasks, cases, deadline facts and department 4; the department's open drafts 1. The liftings
# and reports tables are read only when a kind has some (each one read, no COUNT). The user's
# permissions cost nothing: casework.backends.ScopeBackend answers the flow checks before ModelBackend.
# 15 before those savings, 23 when each kind was counted apart.
QUEUE_BUDGET = 10
CASE_PAGE_BUDGET = 15  # measured (16 before ScopeBackend was asked first)


def lodge_over_api(world, record):
    body = {"record": record.pk, "grounds": GROUNDS, "channel": "department"}
    return world.officer.post("/api/v1/objections/", body, format="json")


@pytest.fixture
def world(db, at):
    world = World()
    assert lodge_over_api(world, world.record).status_code == 201  # the year's first: numbering starts
    world.free = [CreditRecordFactory(subject=world.record.subject, determined_by=world.finance) for _ in range(12)]
    return world


def test_lodging_through_the_api_stays_within_its_query_budget(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(LODGE_BUDGET):
        response = lodge_over_api(world, world.free[0])
    assert response.status_code == 201
    # The answer is the case as written, not a stale or partial copy.
    case = ObjectionCase.objects.get(number=response.data["number"])
    assert response.data["record"]["status"] == "under_objection"
    assert response.data["handling_department"]["name"] == world.finance.name
    assert [row["kind"] for row in response.data["deadlines"]] == ["reply"]
    assert response.data["timeline"][0]["action"] == "lodge"
    assert response.data["allowed_actions"] == ["withdraw"]
    assert case.status == "lodged"


def test_the_lodges_answer_is_what_reading_the_case_answers(world):
    """Built from the rows the lodge wrote, the answer equals a read of the case afterwards."""
    lodged = lodge_over_api(world, world.free[2])
    read = world.officer.get(f"/api/v1/objections/{lodged.data['number']}/")
    assert read.status_code == 200
    assert lodged.json() == read.json()


def test_the_cheap_start_opens_the_same_tasks_as_viewflows_start(world):
    """workflows.case_flow.CaseStartActivation skips viewflow's nested savepoint and row lock:
    the process still gets its artifact, a finished start and route, and the review task."""
    number = lodge_over_api(world, world.free[1]).data["number"]
    case = ObjectionCase.objects.get(number=number)
    process = Process.objects.get(artifact_object_id=case.pk, flow_class=ObjectionFlow)
    assert process.artifact == case
    tasks = [(task.flow_task.name, task.status) for task in process.task_set.order_by("pk")]
    assert tasks == [("start", "DONE"), ("route", "DONE"), ("review", "NEW")]
    review = process.task_set.get(flow_task=ObjectionFlow.review)
    assert [t.flow_task.name for t in review.previous.all()] == ["route"]


@pytest.mark.django_db(transaction=True)
def test_the_cheap_start_refuses_to_run_outside_a_transaction():
    """Without the enclosing transaction the lock it skips would matter: it refuses instead."""
    with pytest.raises(RuntimeError, match="case_start"):
        ObjectionFlow.start.run(case=ObjectionCase())
    assert not Process.objects.exists()


def test_the_queue_page_costs_the_same_for_few_rows_and_many(client, world, django_assert_max_num_queries):
    handler = UserFactory(handler=True, department=world.finance)
    client.force_login(handler)
    client.get("/staff/work/queue/")  # session and caches warm
    with django_assert_max_num_queries(QUEUE_BUDGET):
        assert client.get("/staff/work/queue/").status_code == 200
    for record in world.free[2:12]:
        objection_lodge(record=record, grounds=GROUNDS, channel="department",
                        acting_user=world.officer.user)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        page = client.get("/staff/work/queue/")
    assert page.content.decode().count('data-kind="objection"') == 11


def test_a_case_page_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    number = ObjectionCase.objects.get(record=world.record).number
    client.force_login(UserFactory(handler=True, department=world.finance))
    client.get(f"/staff/work/objections/{number}/")
    with django_assert_max_num_queries(CASE_PAGE_BUDGET):
        page = client.get(f"/staff/work/objections/{number}/")
    assert page.status_code == 200 and number in page.content.decode()


def test_the_supervisors_queue_costs_the_same_for_few_rows_and_many(client, world):
    """Its rows read only the columns they show (staff.queue_views._load_cases), the department's
    name joined: more rows, no more statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    supervisor = UserFactory(supervisor=True, jurisdiction=world.record.subject.jurisdiction)
    client.force_login(supervisor)
    client.get("/staff/work/queue/")
    with CaptureQueriesContext(connection) as few:
        page = client.get("/staff/work/queue/")
    assert page.content.decode().count('data-kind="objection"') == 1
    for record in world.free[2:12]:
        objection_lodge(record=record, grounds=GROUNDS, channel="department", acting_user=world.officer.user)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/staff/work/queue/")
    body = page.content.decode()
    assert body.count('data-kind="objection"') == 11 and world.finance.name in body
    assert len(many) == len(few)
