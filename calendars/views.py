"""The public deadline calculator: "received on … → reply due on …, and why".

Served among the public pages (/public/calendar/, public/urls.py), in their layout.
"""

from django.shortcuts import render

from calendars import clock
from calendars.errors import CalendarError
from calendars.explain import explain
from calendars.forms import CalculatorForm


def calculator(request):
    """Anyone may use it: no login, nothing written."""
    explanation = None
    if "received" in request.GET:
        form = CalculatorForm(request.GET)
        if form.is_valid():
            try:
                explanation = explain(form.cleaned_data["received"], form.cleaned_data["working_days"])
            except CalendarError as exc:
                form.add_error(None, exc)
    else:
        form = CalculatorForm(initial={"received": clock.today(), "working_days": 15})
    return render(request, "calendars/calculator.html", {"form": form, "explanation": explanation})
