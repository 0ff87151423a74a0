"""Factories for the calendar models. Overrides and imported years go through
the services, so the version stamp is bumped as in the application."""

import datetime

import factory

from calendars.models import CalendarOverride, DayKind
from calendars.services import calendar_override_set


class CalendarOverrideFactory(factory.Factory):
    class Meta:
        model = CalendarOverride

    on = datetime.date(2026, 11, 2)
    kind = DayKind.DAY_OFF
    reason = "测试调整"
    notice_ref = "国办发明电〔2026〕1号"
    acting_user = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        calendar_override_set(**kwargs)
        return CalendarOverride.objects.get(date=kwargs["on"])
