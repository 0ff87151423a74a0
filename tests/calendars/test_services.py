import datetime

import pytest

from calendars.current import current_calendar
from calendars.errors import CalendarError
from calendars.models import CalendarOverride, CalendarVersion, DayKind
from calendars.services import calendar_override_delete, calendar_override_set

from .factories import CalendarOverrideFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_override_makes_a_working_day_a_day_off_and_reports_the_flipped_date():
    change = calendar_override_set(
        on=D(2026, 10, 8), kind=DayKind.DAY_OFF, reason="防汛停工", notice_ref="吉政办明电〔2026〕3号"
    )
    assert change.dates == (D(2026, 10, 8),)
    assert not current_calendar().is_working_day(D(2026, 10, 8))


def test_an_override_agreeing_with_the_calendar_changes_no_date():
    change = calendar_override_set(on=D(2026, 10, 1), kind=DayKind.DAY_OFF, reason="国庆节")
    assert change.dates == () and not change
    assert CalendarOverride.objects.filter(date=D(2026, 10, 1)).exists()


def test_an_override_contradicting_the_one_on_the_same_date_is_refused_and_nothing_changes():
    CalendarOverrideFactory(on=D(2026, 11, 2), kind=DayKind.DAY_OFF)
    version = CalendarVersion.objects.get().number
    with pytest.raises(CalendarError, match="相互矛盾"):
        calendar_override_set(on=D(2026, 11, 2), kind=DayKind.WORKING, reason="又要上班")
    assert CalendarOverride.objects.get(date=D(2026, 11, 2)).kind == DayKind.DAY_OFF
    assert CalendarVersion.objects.get().number == version


def test_setting_the_same_kind_again_updates_the_reason():
    CalendarOverrideFactory(on=D(2026, 11, 2), kind=DayKind.DAY_OFF, reason="旧事由")
    calendar_override_set(on=D(2026, 11, 2), kind=DayKind.DAY_OFF, reason="新事由")
    assert CalendarOverride.objects.get(date=D(2026, 11, 2)).reason == "新事由"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"on": D(1999, 12, 31), "kind": DayKind.DAY_OFF, "reason": "x"}, "超出了工作日历支持的范围"),
        ({"on": D(2026, 11, 2), "kind": "maybe", "reason": "x"}, "上班"),
        ({"on": D(2026, 11, 2), "kind": DayKind.DAY_OFF, "reason": "  "}, "事由"),
    ],
)
def test_bad_overrides_are_refused_in_chinese(kwargs, message):
    with pytest.raises(CalendarError, match=message):
        calendar_override_set(**kwargs)
    assert not CalendarOverride.objects.exists()


def test_deleting_an_override_restores_the_holidays_calendar():
    CalendarOverrideFactory(on=D(2026, 11, 2), kind=DayKind.DAY_OFF)
    change = calendar_override_delete(on=D(2026, 11, 2))
    assert change.dates == (D(2026, 11, 2),)
    assert current_calendar().is_working_day(D(2026, 11, 2))
    with pytest.raises(CalendarError, match="没有调整设置"):
        calendar_override_delete(on=D(2026, 11, 2))
