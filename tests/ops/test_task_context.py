"""The request id travels in the task's own message into the consumer's log lines."""

import pytest
from huey.contrib.djhuey import HUEY

from ops.request_id import request_id_var
from ops.task_context import db_task_with_request_id

seen = []


@db_task_with_request_id()
def ops_test_probe_task(n):
    seen.append((n, request_id_var.get()))


@pytest.fixture
def queue(monkeypatch):
    """Tasks wait in huey's in-memory queue until the test runs them, as a consumer would."""
    seen.clear()
    monkeypatch.setattr(HUEY, "_immediate", False)
    yield
    HUEY.storage.flush_queue()


def consume():
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)


def test_a_queued_task_runs_under_the_id_of_the_request_that_queued_it(queue, json_log):
    token = request_id_var.set("req-42")
    try:
        ops_test_probe_task(1)
    finally:
        request_id_var.reset(token)
    ops_test_probe_task(2)  # queued outside any request
    token = request_id_var.set("someone-else")  # whatever the consumer's thread had is not used
    try:
        consume()
    finally:
        request_id_var.reset(token)
    assert seen == [(1, "req-42"), (2, None)]
    lines = [(line["message"], line["request_id"]) for line in json_log() if line["logger"] == "ops.tasks"]
    assert lines == [
        ("task ops_test_probe_task started", "req-42"), ("task ops_test_probe_task done", "req-42"),
        ("task ops_test_probe_task started", None), ("task ops_test_probe_task done", None)]


def test_the_id_is_in_the_serialized_message_and_the_function_never_sees_it(queue):
    token = request_id_var.set("req-43")
    try:
        ops_test_probe_task(3)
    finally:
        request_id_var.reset(token)
    [task] = HUEY.pending()
    assert task.args == (3,) and task.kwargs == {"request_id": "req-43"}
    assert ops_test_probe_task.call_local(4) is None and seen == [(4, None)]


@pytest.mark.django_db(transaction=True)
def test_a_request_that_issues_a_letter_and_its_rendering_task_log_the_same_request_id(json_log, at,
                                                                                     rectification_world):
    """Real commits, so the letter's on_commit enqueue runs inside the request; huey's immediate
    mode then renders in-process, and a pre-execute hook clears the id first (restored after): the
    task's lines can only carry it from the task's own message."""
    from letters.models import Letter, LetterStatus
    from tests.api.test_rectifications import BASE, Office

    office = Office(rectification_world)

    tokens = []

    @HUEY.pre_execute(name="ops_test_forget_request_id")
    def forget(task):
        tokens.append(request_id_var.set(None))

    @HUEY.post_execute(name="ops_test_remember_request_id")
    def remember(task, task_value, exc):
        request_id_var.reset(tokens.pop())

    try:
        response = office.handler.post(BASE, {
            "subject": office.government.pk, "records": [office.record.pk], "requirements": "支付拖欠款项",
            "limit_working_days": 10}, format="json", HTTP_X_REQUEST_ID="issue-letter-1")
    finally:
        HUEY.unregister_pre_execute("ops_test_forget_request_id")
        HUEY.unregister_post_execute("ops_test_remember_request_id")
    assert response.status_code == 201, response.data
    # The order and its receipt (受理回执): two letters, each rendered by its own task.
    # (The record's repair notice was issued with the record, before the request.)
    letters = list(Letter.objects.exclude(kind="repair_notice").order_by("pk"))
    assert [letter.kind for letter in letters] == ["rectification_order", "receipt"]
    assert all(letter.status == LetterStatus.ISSUED for letter in letters)
    lines = json_log()
    web = [line for line in lines if line["logger"] == "ops.requests"]
    task = [line for line in lines if line["logger"] == "ops.tasks"]
    # The first renders are the record's repair notice, issued when the record was made: no request.
    before, task = task[:-2 * len(letters)], task[-2 * len(letters):]
    assert {line["request_id"] for line in before} <= {None}
    assert [(line["method"], line["status"], line["request_id"]) for line in web] == [
        ("POST", 201, "issue-letter-1")]
    assert [(line["message"], line["request_id"]) for line in task] == [
        ("task letter_render_task started", "issue-letter-1"),
        ("task letter_render_task done", "issue-letter-1")] * len(letters)
