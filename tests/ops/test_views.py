"""/readyz: the database, cache, storage, queue depth and consumer heartbeat, each named."""

import datetime

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from ops.heartbeat import heartbeat_age, heartbeat_record
from ops.tasks import ops_heartbeat_task

pytestmark = pytest.mark.django_db

CHECKS = {"Database(alias='default')", "Cache(alias='default')", "Storage(alias='default')",
          "QueueDepth(max_pending=10000)", "ConsumerHeartbeat(max_age=datetime.timedelta(seconds=180))"}


@pytest.fixture
def consumers(monkeypatch):
    """As in a deployment: tasks go to a queue a consumer must take them from (the queue stays
    huey's in-memory one, not the developer's file), and no heartbeat has been seen yet."""
    from django.core.cache import cache

    from ops.heartbeat import HEARTBEAT_KEY

    cache.delete(HEARTBEAT_KEY)
    monkeypatch.setattr(HUEY, "_immediate", False)
    yield
    HUEY.storage.flush_queue()


def ready(client, **headers):
    return client.get("/readyz?format=json", **headers)


def test_readyz_answers_200_with_every_part_up(client):
    response = ready(client)
    assert response.status_code == 200
    assert response.json() == dict.fromkeys(CHECKS, "OK")
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_json_for_an_accept_header_too(client):
    response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_readyz_answers_503_naming_the_database_when_it_is_unreachable(client):
    def refused(self, sql, params=None):
        raise OperationalError("connection refused: is the server running on 10.0.0.5")

    with pytest.MonkeyPatch.context() as patch:  # mended before the fixtures' own checks run
        patch.setattr(CursorWrapper, "execute", refused)
        response = ready(client)
    assert response.status_code == 503
    answer = response.json()
    assert answer.pop("Database(alias='default')") == "Unavailable: connection refused"
    assert set(answer.values()) == {"OK"}


def test_healthz_stays_200_while_readyz_reports_the_database(client):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", lambda *a, **k: (_ for _ in ()).throw(OperationalError("x")))
        assert client.get("/healthz").status_code == 200
        assert ready(client).status_code == 503


def test_readyz_answers_503_when_the_consumer_heartbeat_is_stale(client, consumers):
    heartbeat_record(now=timezone.now() - datetime.timedelta(minutes=4))
    response = ready(client)
    assert response.status_code == 503
    answer = response.json()
    assert answer.pop("ConsumerHeartbeat(max_age=datetime.timedelta(seconds=180))").startswith(
        "Unavailable: last consumer heartbeat 24")
    assert set(answer.values()) == {"OK"}


def test_readyz_answers_503_before_any_consumer_has_beaten(client, consumers):
    response = ready(client)
    assert response.status_code == 503
    assert response.json()["ConsumerHeartbeat(max_age=datetime.timedelta(seconds=180))"] == (
        "Unavailable: no consumer heartbeat yet")


def test_the_heartbeat_task_makes_readyz_ready_again(client, consumers):
    heartbeat_record(now=timezone.now() - datetime.timedelta(minutes=10))
    ops_heartbeat_task.call_local()
    assert heartbeat_age(now=timezone.now()) < datetime.timedelta(seconds=5)
    assert ready(client).status_code == 200


def test_readyz_answers_503_when_too_many_tasks_wait(client, consumers, settings):
    settings.OPS_QUEUE_MAX_PENDING = 1
    ops_heartbeat_task.call_local()
    HUEY.enqueue(ops_heartbeat_task.s())
    HUEY.enqueue(ops_heartbeat_task.s())
    assert HUEY.pending_count() == 2
    response = ready(client)
    assert response.status_code == 503
    assert response.json()["QueueDepth(max_pending=1)"] == "Unavailable: 2 tasks pending (more than 1)"
