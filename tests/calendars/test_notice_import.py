import datetime

import pytest

from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.models import CalendarOverride, CalendarVersion, ConfirmedYear, DayKind
from calendars.notice_import import notice_import_apply, notice_import_preview, parse_notice

from .factories import CalendarOverrideFactory

D = datetime.date
pytestmark = pytest.mark.django_db

# A made-up notice for 2027 in the shape of the State Council's (the real one
# is not published as this is written); the tests check the mechanics.
NOTICE_2027 = """
# 国务院办公厅关于2027年部分节假日安排的通知（测试用）
2027-01-01~2027-01-03 休 元旦
2027-02-05~2027-02-13 休 春节
2027-02-20 班 春节调休上班
2027年4月3日至2027年4月5日，休，清明节
2027-05-01~2027-05-05 休 劳动节
2027-06-09 休 端午节
2027-09-15 休 中秋节
2027-09-26 班 国庆节调休上班
2027-10-01~2027-10-07 休 国庆节
2027-10-09 班 国庆节调休上班
"""
REF = "国办发明电〔2026〕12号"


def test_parse_reads_ranges_single_days_and_chinese_dates():
    days = {d.date: d for d in parse_notice(NOTICE_2027, year=2027)}
    assert days[D(2027, 2, 13)].working is False and days[D(2027, 2, 13)].name == "春节"
    assert days[D(2027, 2, 20)].working is True
    assert D(2027, 4, 4) in days
    assert len([d for d in days.values() if d.working]) == 3


def test_preview_shows_each_day_that_would_change_and_changes_nothing():
    version = CalendarVersion.objects.filter(pk=1).first()
    diff = notice_import_preview(year=2027, text=NOTICE_2027, notice_ref=REF)
    flipped = {d.date: d for d in diff.days}
    assert set(flipped) == {
        D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 20), D(2027, 5, 5),
        D(2027, 9, 26), D(2027, 10, 6), D(2027, 10, 7), D(2027, 10, 9),
    }
    assert flipped[D(2027, 2, 20)].before_working is False and flipped[D(2027, 2, 20)].after_working is True
    assert "春节调休上班" in flipped[D(2027, 2, 20)].after_reason
    assert diff.was_provisional and diff.listed_working_days == 3
    assert not CalendarOverride.objects.exists() and CalendarVersion.objects.filter(pk=1).first() == version
    assert current_calendar().is_provisional_year(2027)


def test_apply_makes_the_year_follow_the_notice_and_confirms_it():
    diff = notice_import_preview(year=2027, text=NOTICE_2027, notice_ref=REF)
    change = notice_import_apply(year=2027, text=NOTICE_2027, notice_ref=REF, expected_fingerprint=diff.fingerprint)
    assert change.dates == tuple(d.date for d in diff.days)
    assert change.confirmed_years == (2027,)
    cal = current_calendar()
    assert not cal.is_provisional_year(2027)
    assert cal.is_working_day(D(2027, 2, 20)) and not cal.is_working_day(D(2027, 2, 12))
    assert ConfirmedYear.objects.get(year=2027).notice_ref == REF
    assert CalendarOverride.objects.get(date=D(2027, 2, 20)).notice_ref == REF


def test_a_holiday_the_package_guesses_but_the_notice_lacks_becomes_a_working_day():
    text = NOTICE_2027.replace("2027-06-09 休 端午节\n", "2027-06-11 休 端午节\n")
    change = notice_import_apply(year=2027, text=text, notice_ref=REF)
    assert D(2027, 6, 9) in change.dates and D(2027, 6, 11) in change.dates
    assert current_calendar().is_working_day(D(2027, 6, 9))
    assert CalendarOverride.objects.get(date=D(2027, 6, 9)).reason == "放假通知未列为假日"


def test_importing_replaces_the_years_earlier_overrides_and_keeps_other_years():
    CalendarOverrideFactory(on=D(2027, 3, 1), kind=DayKind.DAY_OFF, reason="旧的临时调整")
    CalendarOverrideFactory(on=D(2026, 11, 2), kind=DayKind.DAY_OFF)
    diff = notice_import_preview(year=2027, text=NOTICE_2027, notice_ref=REF)
    assert diff.overrides_removed == (D(2027, 3, 1),)
    assert D(2027, 3, 1) in {d.date for d in diff.days}
    notice_import_apply(year=2027, text=NOTICE_2027, notice_ref=REF)
    assert not CalendarOverride.objects.filter(date=D(2027, 3, 1)).exists()
    assert CalendarOverride.objects.filter(date=D(2026, 11, 2)).exists()


def test_a_notice_with_malformed_lines_is_refused_whole_with_every_fault_named():
    text = NOTICE_2027 + "2027-02-30 休 不存在\n2027-13-01 班\n2026-12-31 休 去年\n2027-10-09 休 国庆节\n胡乱一行\n"
    with pytest.raises(CalendarError) as caught:
        notice_import_apply(year=2027, text=text, notice_ref=REF)
    messages = caught.value.messages
    assert len(messages) == 5
    assert any("日期不存在" in m for m in messages)
    assert any("不在2027年内" in m for m in messages)
    assert any("相互矛盾" in m for m in messages)
    assert any("格式不对" in m for m in messages)
    assert not CalendarOverride.objects.exists() and not ConfirmedYear.objects.exists()


def test_apply_is_refused_when_the_calendar_changed_after_the_preview():
    diff = notice_import_preview(year=2027, text=NOTICE_2027, notice_ref=REF)
    CalendarOverrideFactory(on=D(2026, 11, 2), kind=DayKind.DAY_OFF)
    with pytest.raises(CalendarError, match="重新预览"):
        notice_import_apply(year=2027, text=NOTICE_2027, notice_ref=REF, expected_fingerprint=diff.fingerprint)
    assert not ConfirmedYear.objects.exists()


def test_apply_is_refused_when_the_text_differs_from_the_previewed_one():
    diff = notice_import_preview(year=2027, text=NOTICE_2027, notice_ref=REF)
    edited = NOTICE_2027 + "2027-03-01 休 未经预览\n"
    with pytest.raises(CalendarError, match="重新预览"):
        notice_import_apply(year=2027, text=edited, notice_ref=REF, expected_fingerprint=diff.fingerprint)
    assert not CalendarOverride.objects.exists()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"year": 2027, "text": NOTICE_2027, "notice_ref": " "}, "文号"),
        ({"year": 2041, "text": "2041-01-01 休", "notice_ref": REF}, "超出了工作日历支持的范围"),
        ({"year": 2027, "text": "# 只有注释\n\n", "notice_ref": REF}, "没有读到任何日期"),
        ({"year": 2027, "text": "2027-01-01~2027-03-01 休 太长", "notice_ref": REF}, "超过31天"),
        ({"year": 2027, "text": "2027-01-05~2027-01-01 休", "notice_ref": REF}, "开始晚于结束"),
        ({"year": 2027, "text": "2027-01-05 上学", "notice_ref": REF}, "无法识别"),
    ],
)
def test_bad_imports_are_refused_in_chinese(kwargs, message):
    with pytest.raises(CalendarError, match=message):
        notice_import_apply(**kwargs)
    assert not CalendarOverride.objects.exists()
