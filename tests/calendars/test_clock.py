import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
from django.utils import timezone

from calendars import clock
from calendars.clock import beijing_date

UTC = datetime.UTC
ROOT = Path(__file__).resolve().parents[2]


def test_half_past_eleven_on_30_september_in_beijing_is_30_september_although_utc_says_15_30():
    received = datetime.datetime(2026, 9, 30, 15, 30, tzinfo=UTC)  # 23:30 in Beijing
    assert beijing_date(received) == datetime.date(2026, 9, 30)


def test_half_past_midnight_on_1_october_in_beijing_is_1_october_although_utc_is_still_30_september():
    received = datetime.datetime(2026, 9, 30, 16, 30, tzinfo=UTC)
    assert beijing_date(received) == datetime.date(2026, 10, 1)


def test_date_is_beijing_whatever_the_server_and_display_zones(settings):
    settings.TIME_ZONE = "UTC"
    with timezone.override("UTC"):
        received = timezone.make_aware(datetime.datetime(2026, 9, 30, 15, 30))  # a UTC server's local time
        assert timezone.localdate(received) == datetime.date(2026, 9, 30)
        assert beijing_date(received) == datetime.date(2026, 9, 30)
    new_york = datetime.datetime(2026, 9, 30, 11, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    assert beijing_date(new_york) == datetime.date(2026, 9, 30)  # 23:30 Beijing


def test_naive_datetime_is_refused_because_it_names_no_day():
    with pytest.raises(ValueError):
        beijing_date(datetime.datetime(2026, 9, 30, 23, 30))


def test_a_date_is_refused_because_it_was_converted_already():
    with pytest.raises(TypeError):
        beijing_date(datetime.date(2026, 9, 30))


def test_now_is_the_real_moment_aware_in_utc():
    before = datetime.datetime.now(tz=UTC)
    moment = clock.now()
    assert moment.utcoffset() == datetime.timedelta(0)
    assert before <= moment <= datetime.datetime.now(tz=UTC)


def test_today_follows_now_into_the_next_beijing_day(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime.datetime(2026, 12, 31, 15, 59, tzinfo=UTC))
    assert clock.today() == datetime.date(2026, 12, 31)
    monkeypatch.setattr(clock, "now", lambda: datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC))
    assert clock.today() == datetime.date(2027, 1, 1)  # midnight in Beijing, 16:00 in UTC


def test_the_at_fixture_moves_now_and_today_together(at):
    moment = at(2026, 10, 9, 23, 30)
    assert clock.now() == moment and clock.today() == datetime.date(2026, 10, 9)


# --- one clock in the code: every room asks calendars.clock ---

APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py")) + ["config"]
# What asks the wall clock or a zone of its own instead of calendars.clock; and an import of
# `now`/`today` by name, which a test moving `calendars.clock.now` would not reach.
OTHER_CLOCK = re.compile(
    r"timezone\.now\(\)|datetime\.now\(|date\.today\(\)|localdate\(|localtime\(|beijing_today"
    r"|ZoneInfo\(\s*[\"']Asia/Shanghai|from calendars\.clock import .*\b(now|today)\b|casework(\.| import )clock"
)
WALL_CLOCK = "# wall clock"  # a line that wants real time says so, and why


def test_every_room_reads_the_time_from_calendars_clock():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative == Path("calendars/clock.py"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if OTHER_CLOCK.search(line) and WALL_CLOCK not in line:
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert "calendars" in APPS and "casework" in APPS
    assert offenders == []
