"""Supervisors' pages: the dashboard, its drill-down lists, reports; everyone's notifications.

They work standalone under /supervision/ and inside the staff Site alike.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from calendars import clock
from casework.errors import DomainError
from letters import downloads
from staff import supervision_charts as charts
from staff.supervision_forms import PeriodForm, ReportRequestForm
from supervision.models import ReportStatus, SupervisionReport
from supervision.selectors import Filters, dashboard_list, dashboard_now, dashboard_period, quarter_start, \
    supervision_scope
from supervision.services.notifications import notification_mark_read, notifications_for
from supervision.services.reports import jurisdictions_for, report_request


def _today() -> datetime.date:
    return clock.today()


@login_required
def dashboard(request):
    scope = supervision_scope(request.user)
    today = _today()
    form = PeriodForm(request.GET or None)
    start, end = quarter_start(today), today
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    now = dashboard_now(scope_path=scope, today=today)
    period = dashboard_period(scope_path=scope, start=start, end=end)
    department_chart = charts.hbar_chart(
        [(r["name"], [(r["overdue"], charts.RED), (r["soon"], charts.AMBER)]) for r in now["by_department"][:15]
         if r["overdue"] or r["soon"]],
        title="各单位逾期（红）与即将到期（黄）期限",
    )
    month_chart = charts.column_chart(
        [(m["month"][2:], [(m["on_time"], charts.GREEN), (m["late"], charts.RED)]) for m in period["months"]],
        title="每月按期（绿）与逾期（红）完成的期限",
    )
    return render(request, "staff/supervision/dashboard.html", {
        "now": now, "period": period, "form": form, "scope": request.user.jurisdiction if scope else None,
        "department_chart": department_chart, "month_chart": month_chart,
    })


@login_required
def dashboard_cases(request):
    scope = supervision_scope(request.user)
    g = request.GET
    filters = Filters(state=g.get("state", "overdue"), case_kind=g.get("case_kind", ""), kind=g.get("kind", ""),
                      department=g.get("department", ""), level=g.get("level", ""), late=g.get("late", ""))
    if filters.state not in ("open", "soon", "overdue"):
        raise Http404
    result = dashboard_list(scope_path=scope, today=_today(), filters=filters)
    return render(request, "staff/supervision/cases.html", {"result": result, "filters": filters, "today": _today()})


@login_required
def notification_list(request):
    notes = notifications_for(request.user).select_related("deadline")[:200]
    return render(request, "staff/supervision/notifications.html", {"notes": notes})


@login_required
@require_POST
def notification_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notification_mark_read(user=request.user, ids=ids)
    target = request.POST.get("next") or reverse("supervision:notifications")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("supervision:notifications")
    return HttpResponseRedirect(target)


def _reports_for(user):
    supervision_scope(user)
    return SupervisionReport.objects.filter(jurisdiction__in=jurisdictions_for(user)).select_related(
        "jurisdiction", "requested_by")


@login_required
def report_list(request):
    supervision_scope(request.user)
    form = ReportRequestForm(request.POST or None, jurisdictions=jurisdictions_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            report_request(kind=form.cleaned_data["kind"], jurisdiction=form.cleaned_data["jurisdiction"],
                           year=form.cleaned_data["year"], part=form.cleaned_data["part"],
                           acting_user=request.user)
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "报告已提交后台生成，完成后可在下方下载。")
            return HttpResponseRedirect(reverse("supervision:reports"))
    reports = list(_reports_for(request.user)[:100])
    return render(request, "staff/supervision/reports.html", {"form": form, "reports": reports,
                                                        "letters": _letters_by_report(reports)})


def _letters_by_report(reports) -> dict:
    from letters.selectors import letters_about

    return {r.pk: letters_about(r).last() for r in reports if r.status == ReportStatus.DONE}


@login_required
def report_status(request, pk: int):
    report = get_object_or_404(_reports_for(request.user), pk=pk)
    return JsonResponse({"id": report.pk, "status": report.status, "status_label": report.get_status_display(),
                         "progress": report.progress, "message": report.message})


@login_required
def report_file(request, pk: int, fmt: str):
    report = get_object_or_404(_reports_for(request.user), pk=pk)
    name = f"{report.jurisdiction.name}{report.period_label}{report.get_kind_display()}"
    if fmt in ("csv", "xlsx"):
        field = report.csv_file if fmt == "csv" else report.xlsx_file
        if not field:
            raise Http404
        allowed = (downloads.CSV,) if fmt == "csv" else (downloads.XLSX,)
    elif fmt == "pdf":
        letter = _letters_by_report([report]).get(report.pk)
        if letter is None or not letter.file:
            raise Http404
        field, allowed = letter.file, (downloads.PDF,)
    else:
        raise Http404
    try:
        return downloads.file_response(field, filename=f"{name}.{fmt}", allowed=allowed)
    except FileNotFoundError:
        raise Http404 from None

