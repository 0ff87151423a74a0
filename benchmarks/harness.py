"""What the benchmarks that start servers and lodge objections against them share.

Imported as `benchmarks.harness` once a script has put the checkout's root on sys.path (each
script keeps this folder itself off it: benchmarks/calendar.py would shadow `calendar`).
"""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

# The grounds of every objection a benchmark lodges: long enough for the service's rule (10 characters).
GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(server: subprocess.Popen, is_up, *, failure: str, interval: float) -> subprocess.Popen:
    """`server` once `is_up()` says it answers (within 60 s); otherwise it is killed and the run
    ends with `failure` (also when the process exits first)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if is_up():
            return server
        if server.poll() is not None:
            break
        time.sleep(interval)
    server.kill()
    sys.exit(failure)


def stop(process: subprocess.Popen) -> None:
    """Terminate `process`, killing it if it has not ended 15 s later."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def remove_unless_kept(folder: Path, keep: bool) -> None:
    """The run's temporary folder: removed, or left (and said where) when --keep asks for it."""
    if keep:
        print(f"kept {folder}", file=sys.stderr)
    else:
        shutil.rmtree(folder, ignore_errors=True)
