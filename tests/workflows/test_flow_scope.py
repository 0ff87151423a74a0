"""viewflow's own pages under /staff/ show only the cases `casework.permissions` lets a user see.

On the demo data: objection 1 (农安县, lodged with 长春市财政局), repair 1 (长春市公共资源交易中心,
reviewed by 长春市发改委) and rectification 1 (农安县, ordered by 长春's office) are 长春's cases;
延边州财政局's handler and a 延边州 supervisor must not see them, and a case they may not see
answers 404 (workflows/flow_viewsets.py), as if it did not exist.
"""

import pytest
from viewflow.workflow.status import STATUS

from casework.models import Jurisdiction, ObjectionCase, RectificationCase, RepairCase, Role, User
from tests.factories import UserFactory
from workflows.case_flow import process_for
from workflows.flows import flow_for_case

pytestmark = pytest.mark.django_db

# flow URL prefix, the case of 长春's scope, the username of its handler
FLOWS = {
    "objection": (ObjectionCase, "农安县人民政府", "handler"),
    "repair": (RepairCase, "长春市公共资源交易中心", "handler-ccfgw"),
    "rectification": (RectificationCase, "农安县人民政府", "handler-ccxyb"),
}


@pytest.fixture
def scene(demo_data):
    class Scene:
        foreign_handler = User.objects.get(username="handler-ybczj")
        foreign_supervisor = UserFactory(
            username="supervisor-yb", role=Role.SUPERVISOR, jurisdiction=Jurisdiction.objects.get(code="222400")
        )
        supervisor = User.objects.get(username="supervisor")

        def case(self, flow):
            model, subject_name, _ = FLOWS[flow]
            return model.objects.filter(subject__name=subject_name).order_by("pk").first()

        def handler(self, flow):
            return User.objects.get(username=FLOWS[flow][2])

        def process(self, flow):
            return process_for(self.case(flow))

        def open_task(self, flow):
            return self.process(flow).task_set.exclude(flow_task_type="START").order_by("-pk").first()

    return Scene()


def _task_urls(flow, task):
    base = f"/staff/{flow}/{task.process_id}/{task.flow_task.name}/{task.pk}/"
    return [base, f"{base}detail/", f"{base}assign/", f"{base}unassign/", f"{base}execute/",
            f"{base}undo/", f"{base}cancel/", f"{base}revive/"]


def _process_urls(flow, process):
    return [f"/staff/{flow}/{process.pk}/", f"/staff/{flow}/{process.pk}/chart/", f"/staff/{flow}/{process.pk}/cancel/"]


def _list_urls(flow):
    return [f"/staff/{flow}/{path}" for path in ("", "flows/", "tasks/", "inbox/", "queue/", "archive/")]


@pytest.mark.parametrize("flow", FLOWS)
@pytest.mark.parametrize("who", ["foreign_handler", "foreign_supervisor"])
def test_foreign_staff_get_404_on_process_chart_and_task_pages(client, scene, flow, who):
    client.force_login(getattr(scene, who))
    task = scene.open_task(flow)
    for url in _process_urls(flow, scene.process(flow)) + _task_urls(flow, task):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("flow", FLOWS)
@pytest.mark.parametrize("who", ["foreign_handler", "foreign_supervisor"])
def test_foreign_staff_see_none_of_the_cases_in_lists_and_dashboard(client, scene, flow, who):
    client.force_login(getattr(scene, who))
    number, process = scene.case(flow).number, scene.process(flow)
    for url in _list_urls(flow):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert number not in body and f"/staff/{flow}/{process.pk}/" not in body, url


@pytest.mark.parametrize("flow", FLOWS)
def test_a_stale_assignment_outside_the_scope_stays_out_of_inbox_queue_and_archive(client, scene, flow):
    """A task once given to someone who may no longer see the case (moved department, say)."""
    foreign = scene.foreign_handler
    process = scene.process(flow)
    done = process.task_set.filter(status=STATUS.DONE).order_by("pk").first()
    done.owner = foreign
    done.save(update_fields=["owner"])
    open_task = scene.open_task(flow)
    open_task.owner, open_task.status = foreign, STATUS.ASSIGNED
    open_task.save(update_fields=["owner", "status"])
    client.force_login(foreign)
    for url in (f"/staff/{flow}/inbox/", f"/staff/{flow}/archive/", f"/staff/{flow}/"):
        body = client.get(url).content.decode()
        assert scene.case(flow).number not in body, url
        assert f"#{process.pk}/" not in body, url

    open_task.owner, open_task.status = None, STATUS.NEW
    open_task.owner_permission = f"casework.department_{foreign.department_id}"
    open_task.save(update_fields=["owner", "status", "owner_permission"])
    assert f"#{process.pk}/" not in client.get(f"/staff/{flow}/queue/").content.decode()


def _every_page(client, url):
    """A list and the pages after it: viewflow shows 25 rows a page, newest first, and the oldest
    demo case's tasks are not on the first."""
    bodies = []
    for page in range(1, 20):
        bodies.append(client.get(url, {"page": page}).content.decode())
        if f"page={page + 1}" not in bodies[-1]:
            break
    return "".join(bodies)


@pytest.mark.parametrize("flow", FLOWS)
@pytest.mark.parametrize("who", ["handler", "supervisor"])
def test_the_right_handler_and_supervisor_still_see_their_cases(client, scene, flow, who):
    user = scene.handler(flow) if who == "handler" else scene.supervisor
    client.force_login(user)
    process, task = scene.process(flow), scene.open_task(flow)
    for url in (f"/staff/{flow}/{process.pk}/", f"/staff/{flow}/{process.pk}/chart/",
                f"/staff/{flow}/{task.process_id}/{task.flow_task.name}/{task.pk}/detail/"):
        assert client.get(url).status_code == 200, url
    number = scene.case(flow).number
    for url in (f"/staff/{flow}/flows/", f"/staff/{flow}/tasks/"):
        assert number in _every_page(client, url), url
    if task.flow_task.task_type == "HUMAN":  # the dashboard has columns for people's tasks only
        assert f"#{process.pk}/{task.pk}" in client.get(f"/staff/{flow}/").content.decode()


def test_the_handler_sees_its_objections_queue(client, scene):
    client.force_login(scene.handler("objection"))
    task = scene.open_task("objection")
    assert f"#{task.process_id}/{task.pk}" in client.get("/staff/objection/queue/").content.decode()


@pytest.mark.parametrize("flow", FLOWS)
def test_a_task_under_another_process_than_its_own_is_404(client, scene, flow):
    """The supervisor may see both processes, but a task is only reachable under its own."""
    client.force_login(scene.supervisor)
    task = scene.open_task(flow)
    other = flow_for_case(scene.case(flow)).processes_visible_to(scene.supervisor).exclude(pk=task.process_id).first()
    wrong = f"/staff/{flow}/{other.pk}/{task.flow_task.name}/{task.pk}/detail/"
    assert client.get(f"/staff/{flow}/{task.process_id}/{task.flow_task.name}/{task.pk}/detail/").status_code == 200
    assert client.get(wrong).status_code == 404
    assert client.post(wrong.replace("/detail/", "/assign/")).status_code == 404


def test_anonymous_is_sent_to_login_from_a_process_page(client, scene):
    response = client.get(f"/staff/objection/{scene.process('objection').pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_foreign_handler_cannot_claim_a_task_of_a_case_it_may_not_see(client, scene):
    task = scene.open_task("objection")
    task.owner_permission = f"casework.department_{scene.foreign_handler.department_id}"  # even if offered to it
    task.save(update_fields=["owner_permission"])
    client.force_login(scene.foreign_handler)
    assert client.post(f"/staff/work/queue/claim/{task.pk}/").status_code == 404
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None
