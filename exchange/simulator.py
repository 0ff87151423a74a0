"""A stand-in for the provincial credit platform, for the demo, the tests and the benchmark.

A real HTTP server on loopback (stdlib only, no Django): it checks each
request's signature, stores each report once per idempotency key in its own
SQLite file and answers with a signed receipt; a repeat of a key gets the
first receipt again. It can be told to misbehave through `POST /control`.

    POST /reports/   a report (JSON, headers Idempotency-Key and X-Signature)
                     → 201 {"receipt", "received_at"} the first time, 200 and the same receipt after
                     → 401 bad signature, 400 no key or not JSON, 411/413 body length
    GET  /           what it received, as a page (in Chinese)
    GET  /state.json counters and the faults still armed
    GET  /reports.json  every stored report, in the order received
    POST /control    {"fail_next": N}            answer 500 to the next N reports (nothing stored)
                     {"hang_next": N, "seconds": S}  sleep S seconds, then store the report and answer
                                                 (to a client that gave up: "timeout after storing")
                     {"close_next": N}           close the connection without answering (nothing stored)
                     {"unsigned_next": N}        store, answer 201 without X-Signature
                     {"malformed_next": N}       store, answer 201 with a signed body that is not JSON
                     {"slow_ms": M}              wait M ms before every answer (0 to stop)
                     {"fail_share": 0.2, …}      misbehave on a share of all reports instead, at random
                                                 (fail_, hang_, close_, unsigned_, malformed_share; "seed")
                     {"reset": true}             forget faults, counters and stored reports

Everything is bounded in time: a hang lasts at most MAX_HANG_SECONDS, a
slow answer MAX_SLOW_MS, a client that stops sending is dropped after
REQUEST_TIMEOUT seconds, and bodies are at most MAX_BODY bytes.
"""

import datetime
import html
import json
import random
import socket
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from exchange.signing import sign, signature_valid

MAX_BODY = 1024 * 1024
MAX_HANG_SECONDS = 60.0
MAX_SLOW_MS = 10_000
MAX_COUNT = 1_000_000
REQUEST_TIMEOUT = 30
BEIJING = datetime.timezone(datetime.timedelta(hours=8))
FAULTS = ("fail_next", "hang_next", "close_next", "unsigned_next", "malformed_next")
CHANGE_LABELS = {"corrected": "信息更正", "revoked": "信息撤销", "repaired": "信用修复", "publication_end": "终止公示"}
COUNTERS = ("requests", "stored", "repeats", "bad_signature", "bad_request", "failed", "hung", "closed",
            "unsigned", "malformed", "in_flight", "hanging")


class PlatformStore:
    """The simulator's own SQLite file: one row per idempotency key."""

    def __init__(self, path: str | Path):
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # a simulator: durable enough, and no fsync per report
        self._db.execute(
            """CREATE TABLE IF NOT EXISTS reports (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                idempotency_key TEXT NOT NULL UNIQUE,
                receipt TEXT NOT NULL,
                received_at TEXT NOT NULL,
                subject TEXT NOT NULL,
                record TEXT NOT NULL,
                change TEXT NOT NULL,
                body TEXT NOT NULL,
                repeats INTEGER NOT NULL DEFAULT 0
            )"""
        )

    def store(self, key: str, document: dict, body: bytes) -> tuple[str, str, bool]:
        """Store the report under `key` unless it is there; return (receipt, received_at, created)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute(
                    "SELECT receipt, received_at FROM reports WHERE idempotency_key = ?", (key,)
                ).fetchone()
                if row is not None:
                    self._db.execute("UPDATE reports SET repeats = repeats + 1 WHERE idempotency_key = ?",
                                     (key,))
                    self._db.execute("COMMIT")
                    return row[0], row[1], False
                now = datetime.datetime.now(BEIJING)  # wall clock: the platform's own, not ours
                received_at = now.isoformat(timespec="milliseconds")
                subject = document.get("subject") or {}
                record = document.get("record") or {}
                cursor = self._db.execute(
                    "INSERT INTO reports"
                    " (idempotency_key, receipt, received_at, subject, record, change, body)"
                    " VALUES (?, '', ?, ?, ?, ?, ?)",
                    (key, received_at, f"{subject.get('name', '')} {subject.get('uscc', '')}".strip(),
                     str(record.get("number", "")), str(document.get("change", "")), body.decode("utf-8")),
                )
                receipt = f"SJPT-{now:%Y%m%d}-{cursor.lastrowid:08d}"
                self._db.execute("UPDATE reports SET receipt = ? WHERE seq = ?", (receipt, cursor.lastrowid))
                self._db.execute("COMMIT")
                return receipt, received_at, True
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def reports(self) -> list[dict]:
        with self._lock:
            cursor = self._db.execute(
                "SELECT seq, idempotency_key, receipt, received_at, subject, record, change, repeats"
                " FROM reports ORDER BY seq"
            )
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def reset(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM reports")

    def close(self) -> None:
        with self._lock:
            self._db.close()


class PlatformSimulator:
    """The server and its state.

    `start()` runs it in a thread (tests); `serve_forever()` in the foreground (the command).
    """

    def __init__(self, *, secret: str, db_path: str | Path, host: str = "127.0.0.1", port: int = 0,
                 verbose: bool = False):
        self.secret = secret
        self.store = PlatformStore(db_path)
        self.verbose = verbose
        self._lock = threading.Lock()
        self.faults = dict.fromkeys(FAULTS, 0)
        self.shares = dict.fromkeys(FAULTS, 0.0)
        self.rng = random.Random()
        self.hang_seconds = 0.0
        self.slow_ms = 0
        self.counters = dict.fromkeys(COUNTERS, 0)
        self.server = ThreadingHTTPServer((host, port), _handler_for(self))
        self.server.daemon_threads = True
        self._thread = None

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/reports/"

    def start(self) -> "PlatformSimulator":
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="platform-simulator", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.store.close()

    # --- state, under one lock ---

    def count(self, name: str, delta: int = 1) -> None:
        with self._lock:
            self.counters[name] += delta

    def take_fault(self, name: str) -> bool:
        """Use up one of the armed faults called `name`, if any is left, or draw one by its share."""
        with self._lock:
            if self.faults[name] > 0:
                self.faults[name] -= 1
                return True
            return self.shares[name] > 0 and self.rng.random() < self.shares[name]

    def control(self, command: dict) -> dict:
        with self._lock:
            if command.get("reset"):
                self.faults = dict.fromkeys(FAULTS, 0)
                self.shares = dict.fromkeys(FAULTS, 0.0)
                self.hang_seconds = 0.0
                self.slow_ms = 0
                in_flight, hanging = self.counters["in_flight"], self.counters["hanging"]
                self.counters = dict.fromkeys(COUNTERS, 0)
                self.counters.update(in_flight=in_flight, hanging=hanging)
            for name in FAULTS:
                if name in command:
                    self.faults[name] = _bounded_int(command[name], 0, MAX_COUNT, name)
                share = name.replace("_next", "_share")
                if share in command:
                    self.shares[name] = _bounded_float(command[share], 0, 1, share)
            if "seed" in command:
                self.rng.seed(_bounded_int(command["seed"], 0, 2**32, "seed"))
            if "seconds" in command:
                self.hang_seconds = _bounded_float(command["seconds"], 0, MAX_HANG_SECONDS, "seconds")
            if "slow_ms" in command:
                self.slow_ms = _bounded_int(command["slow_ms"], 0, MAX_SLOW_MS, "slow_ms")
        if command.get("reset"):
            self.store.reset()
        return self.state()

    def state(self) -> dict:
        with self._lock:
            state = {**self.counters, "faults": dict(self.faults),
                     "shares": {k.replace("_next", "_share"): v for k, v in self.shares.items() if v},
                     "hang_seconds": self.hang_seconds,
                     "slow_ms": self.slow_ms}
        state["stored_reports"] = self.store.count()
        return state


def _bounded_int(value, low, high, name) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}")
    return value


def _bounded_float(value, low, high, name) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ValueError(f"{name} must be a number from {low} to {high}")
    return float(value)


def _handler_for(sim: PlatformSimulator):
    class Handler(_PlatformHandler):
        simulator = sim

    return Handler


class _PlatformHandler(BaseHTTPRequestHandler):
    simulator: PlatformSimulator
    timeout = REQUEST_TIMEOUT  # a client that stops sending holds a thread at most this long
    protocol_version = "HTTP/1.1"
    server_version = "PlatformSimulator/1.0"

    def log_message(self, format, *args):
        if self.simulator.verbose:
            super().log_message(format, *args)

    # --- answers ---

    def _answer(self, status: int, body: bytes, *, content_type="application/json; charset=utf-8",
                signed=True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if signed:
            self.send_header("X-Signature", sign(body, self.simulator.secret))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, document, *, signed=True) -> None:
        self._answer(status, json.dumps(document, ensure_ascii=False).encode("utf-8"), signed=signed)

    def _read_body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.simulator.count("bad_request")
            self._json(411, {"error": "Content-Length required"})
            return None
        if int(length) > MAX_BODY:
            self.simulator.count("bad_request")
            self.close_connection = True
            self._json(413, {"error": f"body larger than {MAX_BODY} bytes"})
            return None
        body = self.rfile.read(int(length))
        if len(body) != int(length):  # the client hung up (or timed out) mid-body: nobody to answer
            self.simulator.count("bad_request")
            self.close_connection = True
            return None
        return body

    # --- routes ---

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/state.json":
            self._json(200, self.simulator.state())
        elif path == "/reports.json":
            self._json(200, self.simulator.store.reports())
        elif path == "/":
            self._answer(200, self._page().encode("utf-8"), content_type="text/html; charset=utf-8",
                         signed=False)
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        try:
            if path == "/control":
                self._control()
            elif path.rstrip("/") == "/reports":
                self._report()
            else:
                self._json(404, {"error": "not found"})
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True  # the client is gone

    def _control(self):
        body = self._read_body()
        if body is None:
            return
        try:
            command = json.loads(body or b"{}")
            if not isinstance(command, dict):
                raise ValueError("a JSON object is expected")
            self._json(200, self.simulator.control(command))
        except ValueError as exc:
            self._json(400, {"error": str(exc)})

    def _report(self):
        sim = self.simulator
        sim.count("requests")
        body = self._read_body()
        if body is None:
            return
        if not signature_valid(body, self.headers.get("X-Signature"), sim.secret):
            sim.count("bad_signature")
            self._json(401, {"error": "签名无效"})
            return
        key = (self.headers.get("Idempotency-Key") or "").strip()
        try:
            document = json.loads(body)
            if not isinstance(document, dict):
                raise ValueError
        except ValueError:
            sim.count("bad_request")
            self._json(400, {"error": "报送内容不是 JSON 对象"})
            return
        if not key or len(key) > 128 or document.get("uuid", key) != key:
            sim.count("bad_request")
            self._json(400, {"error": "缺少幂等键，或与报送标识不一致"})
            return
        sim.count("in_flight")
        try:
            self._report_with_faults(key, document, body)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass  # the client gave up (timed out or was killed): the report may still be stored
        except sqlite3.ProgrammingError:
            pass  # the simulator was stopped while this request hung
        finally:
            sim.count("in_flight", -1)

    def _report_with_faults(self, key: str, document: dict, body: bytes):
        sim = self.simulator
        if sim.slow_ms:
            time.sleep(sim.slow_ms / 1000)
        if sim.take_fault("close_next"):
            sim.count("closed")
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if sim.take_fault("fail_next"):
            sim.count("failed")
            self._json(500, {"error": "平台内部错误（模拟）"})
            return
        if sim.take_fault("hang_next"):
            sim.count("hung")
            sim.count("hanging")
            try:
                time.sleep(min(sim.hang_seconds, MAX_HANG_SECONDS))
            finally:
                sim.count("hanging", -1)
        receipt, received_at, created = sim.store.store(key, document, body)
        sim.count("stored" if created else "repeats")
        status = 201 if created else 200
        if sim.take_fault("unsigned_next"):
            sim.count("unsigned")
            self._json(status, {"receipt": receipt, "received_at": received_at}, signed=False)
        elif sim.take_fault("malformed_next"):
            sim.count("malformed")
            self._answer(status, "受理成功".encode("utf-8"), content_type="text/plain; charset=utf-8")
        else:
            self._json(status, {"receipt": receipt, "received_at": received_at})

    def _page(self) -> str:
        sim = self.simulator
        state = sim.state()
        rows = "\n".join(
            "<tr><td>{seq}</td><td>{receipt}</td><td>{received_at}</td><td>{subject}</td><td>{record}</td>"
            "<td>{change}</td><td>{repeats}</td><td><code>{key}</code></td></tr>".format(
                **{k: html.escape(str(v)) for k, v in r.items() if k not in ("idempotency_key", "change")},
                key=html.escape(r["idempotency_key"]),
                change=html.escape(CHANGE_LABELS.get(r["change"], r["change"])),
            )
            for r in reversed(sim.store.reports())
        ) or '<tr><td colspan="8">尚未收到报送。</td></tr>'
        armed = "，".join([f"{k}={v}" for k, v in state["faults"].items() if v]
                         + [f"{k}={v:g}" for k, v in state["shares"].items()]) or "无"
        return f"""<!doctype html>
<html lang="zh-hans"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>省级信用信息平台（模拟器）</title>
<style>body{{font-family:sans-serif;margin:2rem;color:#222}}table{{border-collapse:collapse;width:100%}}
th,td{{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;font-size:14px}}th{{color:#555}}
.note{{color:#666;font-size:13px}}</style></head>
<body><h1>省级信用信息平台（模拟器）</h1>
<p class="note">开发与测试用：校验签名，按幂等键只存一次，重复报送返回首次回执。每 5 秒自动刷新。</p>
<p>已接收 <b>{state['stored_reports']}</b> 条；请求 {state['requests']} 次，重复报送 {state['repeats']} 次，
签名无效 {state['bad_signature']} 次，模拟故障：500 {state['failed']} 次、超时 {state['hung']} 次、
断开 {state['closed']} 次、无签名应答 {state['unsigned']} 次、格式错误应答 {state['malformed']} 次。
待触发的故障：{html.escape(armed)}；应答延迟 {state['slow_ms']} 毫秒。</p>
<table><thead><tr><th>序号</th><th>回执号</th><th>接收时间</th><th>报送主体</th><th>信用记录</th><th>事项</th>
<th>重复报送</th><th>幂等键（报送标识）</th></tr></thead><tbody>
{rows}
</tbody></table></body></html>"""
