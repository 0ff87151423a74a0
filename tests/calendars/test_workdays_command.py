import datetime
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from calendars.management.before_migrate import NOT_MIGRATED
from calendars.models import DayKind
from calendars.services import calendar_override_set

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    call_command("workdays", *args, stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return out.getvalue(), err.getvalue()


def test_due_prints_the_reply_date():
    assert run("due", "2026-09-28", "15") == ("2026-10-23\n", "")


def test_due_into_a_provisional_year_warns_on_stderr_only():
    out, err = run("due", "2026-12-28", "15")
    assert out == "2027-01-19\n" and "2027年" in err and "暂定" in err


def test_due_csv_reads_start_n_lines_and_writes_start_n_due():
    out, _ = run("due", "--csv", "-", stdin="start,n\n2026-09-28,15\n\n2026-02-13, 15\n")
    assert out == "start,n,due,provisional\n2026-09-28,15,2026-10-23,no\n2026-02-13,15,2026-03-12,no\n"


def test_due_csv_marks_a_line_counted_through_a_provisional_year():
    out, _ = run("due", "--csv", "-", stdin="2026-12-28,15\n2026-09-28,15\n")
    assert out == "start,n,due,provisional\n2026-12-28,15,2027-01-19,yes\n2026-09-28,15,2026-10-23,no\n"


def test_due_csv_reads_a_file(tmp_path):
    path = tmp_path / "starts.csv"
    path.write_text("2026-09-28,5\n", encoding="utf-8")
    assert run("due", "--csv", str(path))[0].splitlines()[1] == "2026-09-28,5,2026-10-10,no"  # the make-up Saturday


def test_explain_prints_the_day_by_day_count():
    out, _ = run("explain", "2026-09-28", "15")
    lines = out.splitlines()
    assert lines[0] == "2026-09-28 周一  收到之日，不计入（自次日起算）"
    assert "2026-10-10 周六  第5个工作日（国庆节调休上班）" in lines
    assert lines[-1] == "到期日：2026-10-23（周五），共15个工作日，跳过10天。"


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("due", "2026-09-31", "15"), "", "不是有效日期"),
        (("due", "2026-09-28", "x"), "", "不是整数"),
        (("due", "2026-09-28", "-3"), "", "应为0到1000之间的整数"),
        (("due", "2026-09-28", "100000"), "", "应为0到1000之间的整数"),
        (("due", "1999-09-28", "15"), "", "超出了工作日历支持的范围"),
        (("due",), "", "请给出收到之日和工作日数"),
        (("due", "--csv", "-"), "2026-09-28,15\n2026-13-01,15\n", "第2行"),
        (("due", "--csv", "-"), "2026-09-28,15\n2026-09-28\n", "两列"),
        (("due", "--csv", "-"), "2026-09-28,15\n2040-12-28,15\n", "第2行：从2040-12-28起"),
        (("due", "--csv", "-"), "", "没有读到"),
        (("due", "--csv", "/nonexistent/file.csv"), "", "无法读取文件"),
        (("explain", "2026-09-28", "-1"), "", "工作日数"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(args, stdin, message):
    out = io.StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("workdays", *args, stdout=out, stderr=io.StringIO(), stdin=io.StringIO(stdin))
    assert out.getvalue() == ""  # nothing half-written


def test_bad_input_exits_non_zero_from_the_command_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "workdays", "due", "2026-09-31", "15"]).execute()
    assert exit_.value.code == 1
    assert "不是有效日期" in capsys.readouterr().err


def test_an_administrators_day_off_counts_once_migrated_and_nothing_is_said_about_migrating():
    calendar_override_set(on=datetime.date(2026, 10, 9), kind=DayKind.DAY_OFF, reason="防汛停工")
    assert run("due", "2026-09-28", "15") == ("2026-10-26\n", "")


# --- on a fresh checkout, before `manage.py migrate` ---


def run_unmigrated(tmp_path, *args):
    """manage.py in its own process, as the README shows it, on a database with no tables at all."""
    database = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    done = subprocess.run([sys.executable, "manage.py", "workdays", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    with sqlite3.connect(database) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return done, tables


def test_before_migrate_due_counts_with_the_built_in_calendar_and_says_so(tmp_path):
    done, tables = run_unmigrated(tmp_path, "due", "2026-09-28", "15")
    assert (done.returncode, done.stdout) == (0, "2026-10-23\n")
    assert done.stderr.strip() == NOT_MIGRATED == (
        "数据库尚未迁移：按内置日历计算，未含管理员调整。运行 manage.py migrate 后生效。")
    assert tables == []  # asking wrote nothing: `migrate` still starts from an empty database


def test_before_migrate_explain_and_csv_work_too(tmp_path):
    explained, _ = run_unmigrated(tmp_path, "explain", "2026-09-28", "5")
    assert explained.returncode == 0 and "2026-10-10 周六  第5个工作日（国庆节调休上班）" in explained.stdout
    assert "manage.py migrate" in explained.stderr and "Traceback" not in explained.stderr
    starts = tmp_path / "starts.csv"
    starts.write_text("2026-09-28,15\n", encoding="utf-8")
    counted, _ = run_unmigrated(tmp_path, "due", "--csv", str(starts))
    assert (counted.returncode, counted.stdout) == (0, "start,n,due,provisional\n2026-09-28,15,2026-10-23,no\n")
