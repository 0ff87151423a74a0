"""Administrators' pages for the working-day calendar: overrides and whole-year imports.

They live here rather than in `calendars` because every calendar change is
followed, in the same transaction, by the recomputation of the open
deadlines it reaches, and deadlines belong to `casework`, which `calendars`
must not import.
"""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from calendars.arithmetic import provisional_warning_years
from calendars import clock
from calendars.current import current_calendar
from calendars.forms import NoticeImportForm, OverrideForm
from calendars.index import library_confirmed_years
from calendars.models import CalendarOverride, ConfirmedYear
from calendars.notice_import import notice_import_apply, notice_import_preview
from calendars.services import calendar_override_delete, calendar_override_set
from casework.errors import form_add_errors
from casework.models import Role
from casework.services.deadline_recompute import deadline_recompute_for_calendar_change


def administrator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or user.role == Role.ADMINISTRATOR):
            raise PermissionDenied("仅系统管理员可以维护工作日历。")
        return view(request, *args, **kwargs)

    return wrapper


def _change_and_recompute(write, *, user, **kwargs):
    """Apply one calendar write and recompute the deadlines it reaches, all or nothing."""
    with transaction.atomic():
        change = write(acting_user=user, **kwargs)
        moved = deadline_recompute_for_calendar_change(
            changed_dates=change.dates, confirmed_years=change.confirmed_years, acting_user=user
        )
    return change, moved


def _done_message(change, moved) -> str:
    days = f"{len(change.dates)}天的工作日状态改变" if change.dates else "没有日期的工作日状态改变"
    return f"{days}；重新计算了{len(moved)}个期限。"


@administrator_required
@require_http_methods(["GET", "POST"])
def calendar_manage(request):
    today = clock.today()
    form = OverrideForm()
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            change, moved = _change_and_recompute(
                calendar_override_delete, user=request.user, on=_posted_date(request.POST.get("date"))
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已删除{request.POST['date']}的调整。" + _done_message(change, moved))
        return redirect("calendar:manage")
    if request.method == "POST":
        form = OverrideForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                change, moved = _change_and_recompute(
                    calendar_override_set, user=request.user, on=data["date"], kind=data["kind"],
                    reason=data["reason"], notice_ref=data["notice_ref"],
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, f"已保存{data['date']:%Y-%m-%d}的调整。" + _done_message(change, moved))
                return redirect("calendar:manage")
    show_all = request.GET.get("all") == "1"
    overrides = CalendarOverride.objects.select_related("created_by")
    if not show_all:
        overrides = overrides.filter(date__year__gte=today.year - 1)
    library_years = sorted(library_confirmed_years())
    return render(
        request,
        "staff/calendar/manage.html",
        {
            "form": form,
            "overrides": overrides,
            "show_all": show_all,
            "warning_years": provisional_warning_years(today=today, calendar=current_calendar(fresh=True)),
            "library_years": (library_years[0], library_years[-1]),
            "confirmed_years": ConfirmedYear.objects.select_related("confirmed_by"),
            "today": today,
        },
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def calendar_import(request):
    """Step 1 shows what the notice would change; step 2 applies exactly that, or nothing."""
    diff = None
    if request.method == "POST":
        form = NoticeImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.POST.get("action") == "apply":
                    change, moved = _change_and_recompute(
                        notice_import_apply, user=request.user, year=data["year"], text=data["text"],
                        notice_ref=data["notice_ref"], expected_fingerprint=data["fingerprint"] or None,
                    )
                    messages.success(
                        request, f"已导入{data['year']}年放假安排（{data['notice_ref'].strip()}）。"
                        + _done_message(change, moved),
                    )
                    return redirect("calendar:manage")
                diff = notice_import_preview(
                    year=data["year"], text=data["text"], notice_ref=data["notice_ref"]
                )
                # The confirm step posts the same text back, with the version
                # it was previewed on, so an upload need not be repeated.
                form = NoticeImportForm(initial={**data, "fingerprint": diff.fingerprint, "file": None})
            except ValidationError as exc:
                form_add_errors(form, exc)
    else:
        year = request.GET.get("year", "")
        form = NoticeImportForm(initial={"year": int(year) if year.isdigit() else clock.today().year + 1})
    return render(request, "staff/calendar/import.html", {"form": form, "diff": diff})


def _posted_date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        raise ValidationError("日期无效。") from None


