"""Supervisors' pages: the dashboard, its drill-down lists, reports; everyone's notifications.

They are pages of the staff site (`staff.site`); the old /supervision/ addresses
redirect to them (`to_site`), except a subject's notifications, shown in the portal's look.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from calendars import clock
from casework.errors import DomainError
from casework.permissions import is_staff_role
from letters import downloads
from staff import supervision_charts as charts
from staff import supervision_tables as tables
from staff.supervision_forms import PeriodForm, ReportRequestForm
from supervision.models import ReportStatus, SupervisionReport
from supervision.oversight_figures import open_oversight_deadlines, oversight_counts
from supervision.selectors import Filters, dashboard_list, dashboard_now, dashboard_period, quarter_start, \
    supervision_scope
from supervision.services.notifications import notification_mark_read, notifications_for
from supervision.services.oversight import issuing_office
from supervision.services.reports import jurisdictions_for, report_request


def _today() -> datetime.date:
    return clock.today()


SITE_NOTIFICATIONS = "work:notifications:index"
SITE_REPORTS = "oversight_app:oversight:reports"
SITE_REPORT_FILE = "oversight_app:oversight:report_file"


def to_site(site_name: str, *, posts: bool = False):
    """A view that sends an old /supervision/ address to `site_name`, with its arguments and query string.

    Only a page that takes a form (`posts`) passes a POST on; the others answer it 405, as they did.
    """

    def view(request, **kwargs):
        return _redirect_keeping_query(request, reverse(site_name, kwargs=kwargs))

    return require_http_methods(["GET", "HEAD", "POST"] if posts else ["GET", "HEAD"])(view)


def _redirect_keeping_query(request, url: str):
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{url}?{query}" if query else url)
    if request.method not in ("GET", "HEAD"):
        response.status_code = 307  # a form posted to the old address keeps its method and body
    return response


@require_safe
def notifications_entry(request):
    """The bell's address: staff go to the site's page; a subject reads its notifications in the portal."""
    if not request.user.is_authenticated or is_staff_role(request.user):
        return _redirect_keeping_query(request, reverse(SITE_NOTIFICATIONS))
    return render(request, "staff/supervision/portal_notifications.html", {"notes": _notes_of(request.user)})


def notifications_url(user) -> str:
    return reverse(SITE_NOTIFICATIONS if is_staff_role(user) else "supervision:notifications")


@login_required
def dashboard(request):
    scope = supervision_scope(request.user)
    today = _today()
    start, end = quarter_start(today), today
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
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
        "oversight": oversight_counts(scope_path=scope, today=today),
        "department_rows": tables.now_department_rows(now["by_department"], reverse("oversight_app:oversight:list")),
        "period_department_rows": tables.period_department_rows(period["departments"]),
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
    overseen = (open_oversight_deadlines(item["deadline_id"] for item in result["items"])
                if result["deadlines"] else ())
    office = issuing_office(request.user)  # no 督办 buttons for whoever issues none, nor to the office itself
    return render(request, "staff/supervision/cases.html", {
        "result": result, "filters": filters, "today": _today(), "overseen": overseen, "office": office})


@login_required
def notification_list(request):
    return render(request, "staff/supervision/notifications.html", {"notes": _notes_of(request.user)})


def _notes_of(user):
    return notifications_for(user).select_related("deadline")[:200]


@login_required
@require_POST
def notification_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notification_mark_read(user=request.user, ids=ids)
    target = request.POST.get("next") or notifications_url(request.user)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = notifications_url(request.user)
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
            return HttpResponseRedirect(reverse(SITE_REPORTS))
    reports = list(_reports_for(request.user)[:100])
    letters = _letters_by_report(reports)
    rows = [{"report": r, "files": _files_of(r, letters.get(r.pk))} for r in reports]
    return render(request, "staff/supervision/reports.html", {"form": form, "rows": rows})


def _letters_by_report(reports) -> dict:
    from letters.selectors import letters_about

    return {r.pk: letters_about(r).last() for r in reports if r.status == ReportStatus.DONE}


def _files_of(report, letter) -> list[dict]:
    """The download links of a finished report, as the page shows them and the status poll returns them."""
    if report.status != ReportStatus.DONE:
        return []
    files = [{"label": fmt.upper(), "url": reverse(SITE_REPORT_FILE, args=[report.pk, fmt])} for fmt in ("csv", "xlsx")]
    if letter is not None:
        if letter.file:
            files.append({"label": f"PDF（{letter.number}）", "url": reverse(SITE_REPORT_FILE, args=[report.pk, "pdf"])})
        else:
            files.append({"label": _("PDF排版中（%(number)s）") % {"number": letter.number}, "url": ""})
    return files


@login_required
def report_status(request, pk: int):
    report = get_object_or_404(_reports_for(request.user), pk=pk)
    return JsonResponse({"id": report.pk, "status": report.status, "status_label": report.get_status_display(),
                         "progress": report.progress, "message": report.message,
                         "files": _files_of(report, _letters_by_report([report]).get(report.pk))})


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

