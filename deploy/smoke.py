"""Drive one objection through the production topology that `bin/serve --smoke` set up.

Run by `bin/serve --smoke` (never on its own): PostgreSQL, Redis and SeaweedFS's S3 are running
on loopback and the environment names them. This script starts `bin/serve` itself (the same
command a machine runs), seeds the demo data, and over HTTP: logs in as `subject` and as
`handler` (the handler with a second factor, as production asks staff), lodges an objection with
a PDF as evidence, accepts, decides and replies (drafted by `handler`, reviewed by `reviewer`,
signed off by `signer`); waits for a consumer to render the reply letter;
finds the PDF in the bucket and downloads it through the site, comparing its SHA-256 with the
stored one. Then it SIGKILLs the consumers while another letter renders, starts bin/serve again,
and shows that letter issued once. Prints each step; `smoke: ok` last.
"""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import boto3
import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
SMOKE_DIR = Path(os.environ["SMOKE_DIR"])
PID_DIR = Path(os.environ["SERVE_PID_DIR"])
BASE = f"http://127.0.0.1:{os.environ['PORT']}"
WAIT = 180  # seconds, the bound on every wait
PY = str(ROOT / ".venv" / "bin" / "python")
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def step(text: str) -> None:
    print(f"smoke: {text}", flush=True)


class SmokeFailure(Exception):
    pass


def wait_for(what: str, probe, *, timeout: float = WAIT, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# --- the servers -------------------------------------------------------------------------

class Serve:
    """bin/serve as a child, its output appended to serve.log."""

    def __init__(self):
        self.process = None
        self.log = open(SMOKE_DIR / "serve.log", "ab")

    def start(self, *, first: bool) -> None:
        """Start bin/serve; a restart neither migrates nor collects the static files again."""
        fresh = "1" if first else "0"
        env = {**os.environ, "SERVE_MIGRATE": fresh, "SERVE_COLLECTSTATIC": fresh}
        for pidfile in PID_DIR.glob("*.pid"):
            pidfile.unlink()
        self.process = subprocess.Popen([str(ROOT / "bin" / "serve")], cwd=ROOT, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        # Each phase bin/serve announces (check, migrate, collectstatic, serve) gets its own bound.
        phases, deadline = 0, time.monotonic() + WAIT
        while not self._ready():
            seen = (SMOKE_DIR / "serve.log").read_bytes().count(b"\n==> ")
            if seen != phases:
                phases, deadline = seen, time.monotonic() + WAIT
            if time.monotonic() > deadline:
                raise SmokeFailure(f"bin/serve: no progress for {WAIT} s")
            time.sleep(0.5)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise SmokeFailure(f"bin/serve exited with status {self.process.returncode} while starting")
        try:
            return requests.get(f"{BASE}/healthz", timeout=10).status_code == 200
        except requests.RequestException:  # not listening yet, or a worker still booting
            return False

    def pid(self, name: str) -> int:
        return int((PID_DIR / f"{name}.pid").read_text())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def manage(*args: str) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=WAIT)
    if result.returncode:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def sql(query: str, *params):
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def bucket_objects(prefix: str) -> list[str]:
    s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name="us-east-1",
                      aws_access_key_id=os.environ["S3_ACCESS_KEY"],
                      aws_secret_access_key=os.environ["S3_SECRET_KEY"])
    answer = s3.list_objects_v2(Bucket=os.environ["S3_BUCKET"], Prefix=prefix)
    return [item["Key"] for item in answer.get("Contents", [])]


# --- the API -----------------------------------------------------------------------------

def token(username: str, **extra) -> dict:
    body = {"username": username, "password": "demo", **extra}
    response = requests.post(f"{BASE}/api/v1/auth/token/", json=body, timeout=30)
    if response.status_code != 200:
        raise SmokeFailure(f"login as {username}: {response.status_code} {response.text[:300]}")
    return {"Authorization": f"Token {response.json()['token']}"}


def call(method: str, path: str, headers: dict, *, expect=200, **kwargs):
    response = requests.request(method, f"{BASE}{path}", headers=headers, timeout=60, **kwargs)
    if response.status_code != expect:
        raise SmokeFailure(f"{method} {path}: {response.status_code} (expected {expect}) "
                           f"{response.text[:500]}")
    return response


def evidence_pdf() -> bytes:
    """A real one-page PDF (pypdf), so the evidence check sees a PDF by its content."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def lodge(subject: dict, records: list[int]) -> str:
    """Lodge on the first record still free for an objection; the record is used up."""
    refusals = []
    while records:
        record = records.pop(0)
        response = requests.post(
            f"{BASE}/api/v1/objections/", headers=subject, timeout=60,
            data={"record": record, "grounds": GROUNDS, "channel": "department"},
            files=[("evidence", ("付款凭证.pdf", evidence_pdf(), "application/pdf"))],
        )
        if response.status_code == 201:
            return response.json()["number"]
        refusals.append(f"record {record}: {response.status_code} {response.text[:200]}")
    raise SmokeFailure("no record left free for an objection: " + "; ".join(refusals))


def letter_of(case: dict, kind: str) -> dict | None:
    return next((letter for letter in case["letters"] if letter["kind"] == kind), None)


def downloaded_digest(url: str, headers: dict) -> str:
    response = requests.get(url if url.startswith("http") else f"{BASE}{url}",
                            headers={**headers, "Accept": "application/pdf"}, timeout=60)
    if response.status_code != 200 or not response.content.startswith(b"%PDF"):
        raise SmokeFailure(f"download {url}: {response.status_code} {response.headers.get('Content-Type')}")
    return hashlib.sha256(response.content).hexdigest()


def check_archived(letter_pk: int, url: str, subject: dict) -> None:
    ((name, digest, code),) = sql("SELECT file, sha256, verification_code FROM letters_letter WHERE id = %s",
                                  letter_pk)
    folder = name.rpartition("/")[0]
    objects = bucket_objects(f"{folder}/{code}")
    if objects != [name]:
        raise SmokeFailure(f"letter {letter_pk}: bucket holds {objects}, expected exactly [{name}]")
    step(f"  the bucket holds exactly one object for it: {name}")
    got = downloaded_digest(url, subject)
    if got != digest:
        raise SmokeFailure(f"letter {letter_pk}: downloaded sha256 {got} != stored {digest}")
    step(f"  downloaded through the site; sha256 {got[:16]}… matches the stored hash")


def main() -> None:
    started = time.monotonic()
    serve = Serve()
    try:
        step("starting bin/serve (migrate, collectstatic, gunicorn with 2 workers, 2 huey consumers)")
        serve.start(first=True)
        step(f"bin/serve is up at {BASE} ({time.monotonic() - started:.1f} s)")
        static = requests.get(f"{BASE}/static/admin/css/base.css", timeout=10)
        if static.status_code != 200:
            raise SmokeFailure(f"static file through whitenoise: {static.status_code}")
        step("a static file is served by whitenoise")

        manage("seed_demo")
        step("demo data seeded")
        # Production keeps STAFF_REQUIRE_2FA on: enrol an authenticator for the handler, the
        # reviewer and the signer (拟稿 → 审核 → 签发) through accounts.services, as the web page
        # would, and log in with one of each one's recovery codes.
        recovery_codes = dict(line.split(" ", 1) for line in manage("shell", "-c", (
            "from django_otp.oath import totp\n"
            "from casework.models import User\n"
            "from accounts import services\n"
            "for name in ('handler', 'reviewer', 'signer'):\n"
            "    u = User.objects.get(username=name)\n"
            "    d = services.totp_enrolment_start(user=u)\n"
            "    code = str(totp(d.bin_key)).zfill(6)\n"
            "    print(name, services.totp_enrolment_confirm(user=u, device_id=d.pk, token=code)[0])"
        )).strip().splitlines()[-3:])
        # The demo's records all have an objection open already: enter four more for the same
        # subject, determined by the handler's department, through the records service.
        manage("shell", "-c", (
            "from casework.models import CreditRecord, User\n"
            "from casework.services.records import credit_record_create\n"
            "subject = User.objects.get(username='subject').subject\n"
            "department = User.objects.get(username='handler').department\n"
            "model = CreditRecord.objects.filter(subject=subject).first()\n"
            "for n in range(4):\n"
            "    credit_record_create(subject=subject, kind=model.kind, key_area=model.key_area,\n"
            "        determined_by=department, platform_level=model.platform_level,\n"
            "        facts=f'冒烟测试记录{n + 1}：合同履行完毕后逾期未支付价款。', legal_basis=model.legal_basis,\n"
            "        determined_on=model.determined_on, severity=model.severity)\n"
        ))
        subject = token("subject")
        handler, reviewer, signer = (token(name, otp_token=recovery_codes[name])
                                     for name in ("handler", "reviewer", "signer"))
        step("logged in as subject (password) and as handler, reviewer and signer (password + second factor)")

        def signed_off(number: str) -> None:
            # The department signs off every decision letter: the handler's decision is a draft
            # (202) until the reviewer approves it and the signer signs it; 签发 issues the letter.
            call("POST", f"/api/v1/objections/{number}/draft/approve/", reviewer, json={})
            call("POST", f"/api/v1/objections/{number}/draft/sign/", signer, json={})

        listed = call("GET", "/api/v1/records/?page_size=100", subject).json()["results"]
        records = [row["id"] for row in listed]
        number = lodge(subject, records)
        step(f"objection {number} lodged with a PDF as evidence (multipart)")
        call("POST", f"/api/v1/objections/{number}/accept/", handler, json={})
        call("POST", f"/api/v1/objections/{number}/decide/", handler, expect=202,
             json={"outcome": "not_upheld", "reasons": "未提供付款凭证，认定无误。"})
        signed_off(number)  # 签发 records the conclusion and issues the reply in one step
        step(f"objection {number} accepted, decided (drafted, reviewed, signed off), replied")

        def reply_rendered():
            case = call("GET", f"/api/v1/objections/{number}/", subject).json()
            letter = letter_of(case, "objection_reply")
            return letter if letter and letter["download_url"] else None

        reply = wait_for("the reply letter to be rendered by a consumer", reply_rendered)
        reply_pk = int(reply["download_url"].rstrip("/").rsplit("/", 1)[1])
        step(f"reply letter {reply['number']} rendered by a consumer")
        check_archived(reply_pk, reply["download_url"], subject)

        for attempt in range(1, 4):
            before = sql("SELECT coalesce(max(id), 0) FROM letters_letter")[0][0]
            number = lodge(subject, records)
            call("POST", f"/api/v1/objections/{number}/reject/", handler, expect=202, json={"reason": "no_grounds"})
            signed_off(number)
            step(f"objection {number} lodged and not accepted: a 不予受理通知书 is issued (attempt {attempt})")

            def leased():
                # The notice, not the receipt (受理回执) the lodging issued just before it.
                rows = sql("SELECT id FROM letters_letter WHERE id > %s AND status = 'rendering' "
                           "AND kind = 'non_acceptance_notice' "
                           "AND sha256 = '' AND render_lease_until IS NOT NULL", before)
                return rows[0][0] if rows else None

            letter_pk = wait_for("a consumer to take the letter's rendering lease", leased, every=0.01)
            victims = [serve.pid("consumer-1"), serve.pid("consumer-2")]
            for pid in victims:
                os.kill(pid, signal.SIGKILL)
            ((digest,),) = sql("SELECT sha256 FROM letters_letter WHERE id = %s", letter_pk)
            step(f"letter {letter_pk} held under a lease: SIGKILLed both consumers {victims}")
            code = serve.process.wait(timeout=WAIT)
            if code == 0:
                raise SmokeFailure("bin/serve exited 0 after its consumers died")
            step(f"bin/serve stopped the rest and exited {code} (a supervisor restarts it)")
            serve.start(first=False)
            step("bin/serve started again (SERVE_MIGRATE=0 SERVE_COLLECTSTATIC=0)")
            if digest:
                step("  the letter was finished before the kill landed: again")
                continue
            wait_for("the killed consumer's letter to be issued after its lease ran out", lambda: sql(
                "SELECT 1 FROM letters_letter WHERE id = %s AND status = 'issued' AND sha256 <> ''",
                letter_pk))
            step(f"letter {letter_pk} issued after the lease ran out "
                 "(the every-minute sweep queued it again)")
            case = call("GET", f"/api/v1/objections/{number}/", subject).json()
            letter = letter_of(case, "non_acceptance_notice")
            check_archived(letter_pk, letter["download_url"], subject)
            break
        else:
            raise SmokeFailure("three letters were rendered before the consumers could be killed")
        step(f"all steps passed in {time.monotonic() - started:.0f} s")
    finally:
        serve.stop()


if __name__ == "__main__":
    try:
        main()
    except SmokeFailure as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr, flush=True)
        sys.exit(1)
    print("smoke: ok", flush=True)
