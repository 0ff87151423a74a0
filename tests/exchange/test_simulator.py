"""The platform simulator: a real HTTP server on loopback that behaves, or misbehaves on request."""

import json
import socket
import sqlite3
import time
import urllib.error
import urllib.request

import pytest

from exchange.client import Unreachable, platform_post
from exchange.signing import sign, signature_valid
from exchange.simulator import PlatformSimulator

SECRET = "simulator-secret"


@pytest.fixture
def sim(tmp_path):
    simulator = PlatformSimulator(secret=SECRET, db_path=tmp_path / "platform.sqlite3").start()
    yield simulator
    simulator.stop()


def _document(key="k-1", **extra):
    return {"uuid": key, "change": "revoked", "record": {"number": "XY-1"},
            "subject": {"name": "农安县人民政府", "uscc": "11220122MB1234567X"}, **extra}


def _post(sim, document=None, *, key="k-1", secret=SECRET, timeout=2.0, headers=None):
    body = json.dumps(document or _document(key)).encode()
    return platform_post(url=sim.url, body=body, timeout=timeout, headers={
        "Idempotency-Key": key, "X-Signature": sign(body, secret), **(headers or {}),
    })


def _control(sim, command: dict) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{sim.port}/control", method="POST",
                                     data=json.dumps(command).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_a_signed_report_is_stored_once_and_a_repeat_gets_the_first_receipt(sim):
    first = _post(sim)
    again = _post(sim)
    assert (first.status, again.status) == (201, 200)
    assert json.loads(first.body) == json.loads(again.body)
    assert json.loads(first.body)["receipt"].startswith("SJPT-")
    assert signature_valid(first.body, first.signature, SECRET)
    assert sim.state()["stored_reports"] == 1
    assert sim.store.reports()[0]["repeats"] == 1


def test_a_bad_signature_is_refused_with_401_and_nothing_is_stored(sim):
    answer = _post(sim, secret="someone-else")
    assert answer.status == 401
    assert sim.state()["stored_reports"] == 0


@pytest.mark.parametrize("headers, document, status", [
    ({"Idempotency-Key": ""}, None, 400),
    ({}, _document("another-key"), 400),
])
def test_a_missing_or_mismatched_idempotency_key_is_refused(sim, headers, document, status):
    assert _post(sim, document, headers=headers).status == status
    assert sim.state()["stored_reports"] == 0


def test_it_stores_in_its_own_sqlite_file(sim, tmp_path):
    _post(sim)
    with sqlite3.connect(tmp_path / "platform.sqlite3") as db:
        assert db.execute("SELECT idempotency_key FROM reports").fetchall() == [("k-1",)]


def test_fail_next_answers_500_without_storing(sim):
    _control(sim, {"fail_next": 2})
    assert [_post(sim).status for _ in range(3)] == [500, 500, 201]
    assert sim.state()["failed"] == 2


def test_close_next_drops_the_connection_without_an_answer(sim):
    _control(sim, {"close_next": 1})
    with pytest.raises(Unreachable) as exc:
        _post(sim)
    assert exc.value.kind == "connection"
    assert sim.state()["stored_reports"] == 0


def test_hang_next_outlasts_the_client_and_still_stores_the_report(sim):
    _control(sim, {"hang_next": 1, "seconds": 0.6})
    with pytest.raises(Unreachable) as exc:
        _post(sim, timeout=0.2)
    assert exc.value.kind == "timeout"
    limit = time.monotonic() + 5
    while sim.state()["stored_reports"] == 0 and time.monotonic() < limit:
        time.sleep(0.02)
    assert sim.state()["stored_reports"] == 1


def test_unsigned_next_and_malformed_next_store_but_answer_badly(sim):
    _control(sim, {"unsigned_next": 1, "malformed_next": 1})
    unsigned = _post(sim, key="a")
    malformed = _post(sim, _document("b"), key="b")
    assert unsigned.status == 201 and unsigned.signature is None
    assert malformed.status == 201 and signature_valid(malformed.body, malformed.signature, SECRET)
    with pytest.raises(ValueError):
        json.loads(malformed.body)
    assert sim.state()["stored_reports"] == 2


def test_slow_ms_delays_answers(sim):
    _control(sim, {"slow_ms": 150})
    started = time.monotonic()
    assert _post(sim).status == 201
    assert time.monotonic() - started >= 0.15


def test_control_refuses_unbounded_or_wrong_values_and_reset_forgets_everything(sim):
    for command in ({"hang_next": 1, "seconds": 3600}, {"fail_next": -1}, {"slow_ms": "fast"}, [1]):
        with pytest.raises(urllib.error.HTTPError) as exc:
            _control(sim, command)
        assert exc.value.code == 400
    _post(sim)
    _control(sim, {"fail_next": 3})
    state = _control(sim, {"reset": True})
    assert state["stored_reports"] == 0 and state["faults"]["fail_next"] == 0 and state["requests"] == 0


def test_the_page_lists_what_it_received_in_chinese(sim):
    _post(sim)
    with urllib.request.urlopen(f"http://127.0.0.1:{sim.port}/", timeout=5) as response:
        page = response.read().decode()
    assert "省级信用信息平台（模拟器）" in page
    assert "农安县人民政府" in page and "信息撤销" in page and "k-1" in page


def test_a_client_that_hangs_up_mid_request_does_not_disturb_the_others(sim):
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as conn:
        conn.sendall(b"POST /reports/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
    assert _post(sim).status == 201
    assert sim.state()["stored_reports"] == 1


def test_a_share_of_reports_can_fail_at_random(sim):
    _control(sim, {"fail_share": 1.0})
    assert [_post(sim).status for _ in range(3)] == [500, 500, 500]
    _control(sim, {"fail_share": 0.5, "seed": 3})
    statuses = [_post(sim, _document(f"s{i}"), key=f"s{i}").status for i in range(40)]
    assert 5 < statuses.count(500) < 35 and 201 in statuses
    with pytest.raises(urllib.error.HTTPError):
        _control(sim, {"hang_share": 1.5})
