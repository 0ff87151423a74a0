import datetime

from calendars.explain import explain, explanation_lines
from calendars.index import OverrideDay, Reason, WorkdayIndex

D = datetime.date
PLAIN = WorkdayIndex()


def test_explain_national_day_2026_lists_every_counted_and_skipped_day_with_its_reason():
    ex = explain(D(2026, 9, 28), 15, calendar=PLAIN)
    assert ex.due == D(2026, 10, 23) and not ex.provisional
    by_date = {d.date: d for d in ex.days}
    assert ex.days[0].date == D(2026, 9, 28) and not ex.days[0].counted and "不计入" in ex.days[0].reason
    assert by_date[D(2026, 9, 30)].number == 2
    assert by_date[D(2026, 10, 1)].reason == "国庆节" and not by_date[D(2026, 10, 1)].counted
    assert by_date[D(2026, 10, 4)].reason_code == Reason.WEEKEND
    assert by_date[D(2026, 10, 8)].number == 3
    assert by_date[D(2026, 10, 10)].number == 5 and by_date[D(2026, 10, 10)].reason == "国庆节调休上班"
    assert by_date[D(2026, 10, 23)].number == 15
    assert [d.number for d in ex.days if d.counted] == list(range(1, 16))
    assert len(ex.days) == 26 and ex.skipped == 10


def test_explain_names_the_override_and_the_pause():
    cal = WorkdayIndex(overrides=[OverrideDay(D(2026, 10, 9), False, "停电检修", "吉政办明电〔2026〕3号")])
    ex = explain(D(2026, 9, 28), 15, paused=[(D(2026, 10, 12), D(2026, 10, 12))], calendar=cal)
    by_date = {d.date: d for d in ex.days}
    assert "停电检修" in by_date[D(2026, 10, 9)].reason and "吉政办明电" in by_date[D(2026, 10, 9)].reason
    assert by_date[D(2026, 10, 12)].reason_code == "paused" and not by_date[D(2026, 10, 12)].counted
    assert ex.due == D(2026, 10, 27)


def test_explain_flags_days_in_a_provisional_year():
    ex = explain(D(2026, 12, 28), 15, calendar=PLAIN)
    assert ex.provisional_years == (2027,)
    assert any(d.provisional for d in ex.days) and not ex.days[0].provisional
    assert "暂定" in explanation_lines(ex)[-1]


def test_explanation_lines_read_as_a_day_by_day_count():
    lines = explanation_lines(explain(D(2026, 9, 28), 15, calendar=PLAIN))
    assert lines[0].startswith("2026-09-28 周一")
    assert "2026-10-01 周四  不计：国庆节" in lines
    assert "2026-10-10 周六  第5个工作日（国庆节调休上班）" in lines
    assert lines[-1].startswith("到期日：2026-10-23（周五）")
