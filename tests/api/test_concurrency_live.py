"""Many clients at once against a real server: writers wait for each other and never fail.

`manage.py runserver --noreload` (threaded, as bin/run starts it) serves the
test database; 8 subject officers lodge 6 objections each, all at the same
time, while 2 handlers of the determining department accept every case as it
appears, both racing for each one. No answer may be a 5xx other than a clean
503 "retry later"; every 201 is stored exactly once; a handler that comes
second gets a clean 409. Runs on SQLite (IMMEDIATE mode, WAL) and on PostgreSQL.
"""

import json
import queue
import threading
import time
import urllib.error
import urllib.request

import pytest
from knox.models import AuthToken

from casework.models import ObjectionCase, ObjectionStatus
from tests import processes
from tests.factories import CreditRecordFactory, DepartmentFactory, SubjectFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

OFFICERS, LODGES_EACH, HANDLERS = 8, 6, 2
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"
REQUEST_TIMEOUT = 30  # above SQLite's 20 s lock timeout: the server answers before the client gives up
BUDGET_SECONDS = 60


def call(base: str, method: str, path: str, *, token: str | None = None, body: dict | None = None):
    """One request; returns (status, JSON body or None)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None


@pytest.fixture
def people():
    """8 subjects with 6 records each, all determined by one department with 2 handlers; API tokens.

    The tokens are made as tests/api/conftest.client_for makes them, not by
    logging in: ten password checks at once (PBKDF2, a second each by design)
    took 16 s of this machine's two cores, and are not what this test is about.
    """
    department = DepartmentFactory(name="省财政厅")
    officers = []
    for _ in range(OFFICERS):
        subject = SubjectFactory(jurisdiction=department.jurisdiction)
        records = [CreditRecordFactory(subject=subject, determined_by=department).pk for _ in range(LODGES_EACH)]
        officers.append((token_for(UserFactory(subject_officer=True, subject=subject)), records))
    handlers = [token_for(UserFactory(handler=True, department=department)) for _ in range(HANDLERS)]
    return officers, handlers


def token_for(user) -> str:
    _, token = AuthToken.objects.create(user)
    return token


@pytest.fixture
def server(tmp_path):
    # Throttling is not what this test is about: the allowances are raised for it.
    env = processes.process_env(tmp_path, API_THROTTLE_USER="100000/min", API_THROTTLE_ANON="1000/min")
    process, url = processes.start_server(env, tmp_path / "runserver.log")
    yield url
    processes.stop(process)


def test_eight_clients_lodging_and_two_handlers_accepting_at_once_get_no_server_error(people, server):
    officers, handlers = people
    started = time.monotonic()
    answers = []  # (whose token, what, status, body)
    answers_lock = threading.Lock()
    inboxes = [queue.Queue() for _ in handlers]
    officers_done = threading.Barrier(len(officers) + 1, timeout=BUDGET_SECONDS)

    def record(*row):
        with answers_lock:
            answers.append(row)

    def officer(token, records):
        try:
            for pk in records:
                status, body = call(server, "POST", "/api/v1/objections/", token=token,
                                    body={"record": pk, "grounds": GROUNDS, "channel": "department"})
                record(token[:8], "lodge", status, body)
                if status == 201:
                    for inbox in inboxes:
                        inbox.put(body["number"])
        finally:
            officers_done.wait()

    def handler(token, inbox):
        while True:
            number = inbox.get(timeout=BUDGET_SECONDS)
            if number is None:
                return
            status, body = call(server, "POST", f"/api/v1/objections/{number}/accept/", token=token, body={})
            record(token[:8], f"accept {number}", status, body)

    threads = [threading.Thread(target=officer, args=pair) for pair in officers]
    threads += [threading.Thread(target=handler, args=(h, inbox)) for h, inbox in zip(handlers, inboxes)]
    for t in threads:
        t.start()
    officers_done.wait()
    for inbox in inboxes:
        inbox.put(None)
    for t in threads:
        t.join(timeout=BUDGET_SECONDS)
    elapsed = time.monotonic() - started
    assert not any(t.is_alive() for t in threads), "a client is still waiting"

    server_errors = [a for a in answers if a[2] >= 500 and not (a[2] == 503 and a[3]
                                                                  and a[3].get("code") == "retry_later")]
    assert server_errors == []
    unclean = [a for a in answers if a[2] not in (200, 201) and not (a[2] in (409, 503) and isinstance(a[3], dict)
                                                                    and a[3].get("detail"))]
    assert unclean == []

    lodged = [a[3]["number"] for a in answers if a[1] == "lodge" and a[2] == 201]
    assert len(lodged) == len(set(lodged))
    assert ObjectionCase.objects.count() == len(lodged)
    assert sorted(ObjectionCase.objects.values_list("number", flat=True)) == sorted(lodged)
    # Lodging never meets a conflict: each record is lodged once, by its own subject.
    assert [a for a in answers if a[1] == "lodge" and a[2] not in (201, 503)] == []

    # Both handlers tried every case; one of them accepted it, the other was told 409.
    for number in lodged:
        tries = [a for a in answers if a[1] == f"accept {number}"]
        assert len(tries) == HANDLERS
        assert [a[2] for a in tries].count(200) <= 1
        assert all(a[2] in (200, 409, 503) for a in tries)
    accepted = {a[1].split()[1] for a in answers if a[1].startswith("accept") and a[2] == 200}
    assert set(ObjectionCase.objects.filter(status=ObjectionStatus.UNDER_VERIFICATION)
               .values_list("number", flat=True)) == accepted
    retried_later = [a for a in answers if a[2] == 503]
    print(f"\n{len(answers)} requests in {elapsed:.1f} s: {len(lodged)} lodged, {len(accepted)} accepted, "
          f"{len(retried_later)} × 503")
    assert len(lodged) == OFFICERS * LODGES_EACH and len(accepted) == len(lodged)  # nothing had to wait 20 s
    assert elapsed < BUDGET_SECONDS
