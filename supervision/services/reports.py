"""Quarterly dispatch (季度调度) and half-yearly special inspection (半年专项监督检查通报) reports.

`report_request` records the request and queues `report_generate` for the
worker, which updates `progress` as it goes (the page polls it) and keeps
the finished files: CSV and XLSX on the report row, the PDF as an official
letter issued through `letters` by the jurisdiction's supervisor office
(联席会议办公室), numbered in the 督 family and verifiable like every letter.
Without a supervisor office in the jurisdiction there is no issuer, so the
report has CSV and XLSX only and says why.

`reports_schedule` (a periodic task) makes each quarter's and half-year's report
for every supervisor office's region on the first working day after the period,
once, and `report_generate` announces a scheduled report to that office.
"""

import csv
import datetime
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db import models
from django.db.models import Count

from calendars import clock
from calendars.current import current_calendar
from casework.errors import DomainError
from casework.models import CaseExtension, Department, Jurisdiction, Role, User
from casework.models.deadlines import DeadlineKind
from supervision.models import Notification, NotificationKind, ReportKind, ReportStatus, SupervisionReport
from supervision.oversight_figures import oversight_period
from supervision.selectors import NO_DEPARTMENT, WITHDRAWN, as_date, dashboard_period, period_bounds
from supervision.rectification_progress import rectification_progress
from supervision.sources import CASE_KINDS, deadlines_sql

logger = logging.getLogger(__name__)

QUARTERS = "一二三四"
LETTER_KINDS = {
    ReportKind.QUARTERLY: "supervision_quarterly_report",
    ReportKind.INSPECTION: "supervision_inspection_report",
}
# The matter of each kind's title, after the region and the period (公文 title: 关于 + matter + 的 + 通报).
TITLE_MATTERS = {
    ReportKind.QUARTERLY: "政务失信异议、整改与信用修复调度情况",
    ReportKind.INSPECTION: "政务失信专项督查情况",
}
RECTIFICATION_HEADERS = ["整改编号", "整改主体", "下达单位", "下达日期", "整改期限", "状态", "本期退回次数",
                         "逾期工作日"]
RECTIFICATION_KEYS = ["case", "subject", "office", "ordered_on", "due", "state", "returns", "late"]


def report_title(report: SupervisionReport) -> str:
    """关于长春市2026年第四季度政务失信异议、整改与信用修复调度情况的通报: one 季度, the year, the document kind."""
    return f"关于{report.jurisdiction.name}{report.period_label}{TITLE_MATTERS[ReportKind(report.kind)]}的通报"


def report_period(*, kind: str, year: int, part: int) -> tuple[datetime.date, datetime.date, str]:
    """(first day, last day, label) of a quarter (part 1–4) or a half year (part 1–2)."""
    if kind == ReportKind.QUARTERLY:
        if part not in (1, 2, 3, 4):
            raise DomainError("季度应为1至4。")
        first = datetime.date(year, 3 * part - 2, 1)
        label = f"{year}年第{QUARTERS[part - 1]}季度"
        months = 3
    else:
        if part not in (1, 2):
            raise DomainError("半年应为1（上半年）或2（下半年）。")
        first = datetime.date(year, 1 if part == 1 else 7, 1)
        label = f"{year}年{'上' if part == 1 else '下'}半年"
        months = 6
    month_after = first.month + months
    after = datetime.date(year + (month_after - 1) // 12, (month_after - 1) % 12 + 1, 1)
    return first, after - datetime.timedelta(days=1), label


def jurisdictions_for(user: User):
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        return Jurisdiction.objects.all()
    if user.role == Role.SUPERVISOR and user.jurisdiction_id:
        return Jurisdiction.objects.filter(path__startswith=user.jurisdiction.path)
    return Jurisdiction.objects.none()


def report_request(*, kind: str, jurisdiction: Jurisdiction, year: int, part: int,
                   acting_user: User) -> SupervisionReport:
    """Record a report request and queue its generation once the transaction commits."""
    from supervision.tasks import report_generate_task

    if not jurisdictions_for(acting_user).filter(pk=jurisdiction.pk).exists():
        raise DomainError("只能为本人监督范围内的行政区域生成报告。")
    start, end, label = report_period(kind=kind, year=year, part=part)
    with transaction.atomic():
        report = SupervisionReport.objects.create(
            kind=kind, jurisdiction=jurisdiction, period_start=start, period_end=end, period_label=label,
            requested_by=acting_user,
        )
        transaction.on_commit(lambda: report_generate_task(report.pk))
    return report


def _progress(report: SupervisionReport, progress: int, message: str = "", **fields) -> None:
    report.progress = progress
    report.message = message
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["progress", "message", *fields])


def report_data(*, jurisdiction: Jurisdiction, start: datetime.date, end: datetime.date,
                today: datetime.date, calendar=None) -> dict:
    """The numbers of a report, per department answering for the cases."""
    cal = calendar or current_calendar()
    scope = jurisdiction.path
    first, after = period_bounds(start, end)
    units: dict = {}

    def unit(department_id):
        return units.setdefault(department_id, {"received": 0, "closed": 0, "withdrawn": 0, "extended": 0,
                                                "on_time": 0, "late": 0, "overdue": 0})

    received_by_kind = {}
    for code, case_kind in CASE_KINDS.items():
        qs = case_kind.model.objects.filter(subject__jurisdiction__path__startswith=scope)
        dep = f"{case_kind.department_field}_id"
        received_by_kind[str(case_kind.label)] = 0
        for department_id, n in (qs.filter(**{f"{case_kind.received_field}__range": (start, end)})
                                 .order_by().values_list(dep).annotate(n=Count("id"))):
            unit(department_id)["received"] += n
            received_by_kind[str(case_kind.label)] += n
        ended = qs.filter(**{f"{case_kind.closed_field}__gte": first, f"{case_kind.closed_field}__lt": after})
        # A withdrawn case ended without an answer: counted apart, never as 办结.
        withdrawn_status = WITHDRAWN[code][1] if code in WITHDRAWN else None
        for department_id, status, n in (ended.order_by().values_list(dep, "status").annotate(n=Count("id"))):
            unit(department_id)["withdrawn" if status == withdrawn_status else "closed"] += n

    # Time limits extended (延期) in the period, by the department that must act. An extended
    # limit is judged against its extended date, like any deadline: met by it, on time; not, late.
    for department_id, n in (CaseExtension.objects.filter(granted_on__range=(start, end),
                                                          deadline__jurisdiction__path__startswith=scope)
                             .order_by().values_list("deadline__acting_department_id").annotate(n=Count("id"))):
        unit(department_id)["extended"] += n

    period = dashboard_period(scope_path=scope, start=start, end=end)
    for row in period["departments"]:
        key = None if row["id"] == "none" else row["id"]
        unit(key)["on_time"] += row["on_time"]
        unit(key)["late"] += row["late"]

    # Overdue at the end of the period (or today, for the current one): due before
    # it and not met by then.
    as_of = min(end, today)
    inner, params = deadlines_sql(
        where="d.due_date IS NOT NULL AND d.due_date < %s AND (d.met_at IS NULL OR d.met_at >= %s)",
        where_params=[as_of, period_bounds(as_of, as_of)[1]], scope_path=scope,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT u.case_kind, u.case_id, u.kind, u.department_id, u.due_date FROM ({inner}) u "
                       f"ORDER BY u.due_date, u.deadline_id", params)
        overdue_rows = cursor.fetchall()
    cases = {code: ck.model.objects.in_bulk([r[1] for r in overdue_rows if r[0] == code])
             for code, ck in CASE_KINDS.items()}
    overdue = []
    for case_kind, case_id, kind, department_id, due in overdue_rows:
        due = as_date(due)
        unit(department_id)["overdue"] += 1
        overdue.append({"department_id": department_id, "case": str(cases[case_kind].get(case_id, case_id)),
                        "case_kind": str(CASE_KINDS[case_kind].label), "kind": str(DeadlineKind(kind).label),
                        "due": due, "late": cal.working_days_between(due, as_of)})

    departments = Department.objects.in_bulk([d for d in units if d is not None])

    def name(department_id):
        return departments[department_id].name if department_id in departments else NO_DEPARTMENT

    rows = []
    for department_id, u in units.items():
        met = u["on_time"] + u["late"]
        rows.append({"unit": name(department_id), **u,
                     "rate": round(100 * u["on_time"] / met, 1) if met else None})
    rows.sort(key=lambda r: (-r["overdue"], r["unit"]))
    for item in overdue:
        item["department"] = name(item.pop("department_id"))
    totals = {k: sum(r[k] for r in rows)
              for k in ("received", "closed", "withdrawn", "extended", "on_time", "late", "overdue")}
    met = totals["on_time"] + totals["late"]
    totals["rate"] = round(100 * totals["on_time"] / met, 1) if met else None
    return {
        "jurisdiction": jurisdiction.name, "start": start.isoformat(), "end": end.isoformat(),
        "as_of": as_of.isoformat(), "totals": totals, "rows": rows,
        "overdue": [{**o, "due": o["due"].isoformat()} for o in overdue],
        "median_reply_days": period["total"]["median_reply_days"], "received_by_kind": received_by_kind,
        "rectification": rectification_progress(scope_path=scope, start=start, end=end, as_of=as_of, calendar=cal),
        "oversight": oversight_period(scope_path=scope, start=start, end=end),
    }


HEADERS = ["单位", "受理", "办结", "撤回", "延期", "按期完成期限", "逾期完成期限", "按期率（%）", "期末逾期未完成"]


def _unit_line(r) -> list:
    return [r["unit"], r["received"], r["closed"], r.get("withdrawn", 0), r.get("extended", 0), r["on_time"],
            r["late"], "" if r["rate"] is None else r["rate"], r["overdue"]]


def _sections(report: SupervisionReport, data: dict) -> list[tuple[str, list[str], list[list]]]:
    t = data["totals"]
    return [
        ("总体情况", ["项目", "数值"], [
            ["行政区域", data["jurisdiction"]], ["期间", f"{report.period_label}（{data['start']}至{data['end']}）"],
            ["受理", t["received"]], ["办结", t["closed"]], ["撤回（不计入办结）", t.get("withdrawn", 0)],
            ["延长办理期限（延期）", t.get("extended", 0)],
            ["按期完成期限", t["on_time"]],
            ["逾期完成期限", t["late"]], ["按期率（%）", "" if t["rate"] is None else t["rate"]],
            ["书面答复用时中位数（工作日）", "" if data["median_reply_days"] is None else data["median_reply_days"]],
            [f"截至{data['as_of']}逾期未完成", t["overdue"]],
            *_oversight_lines(data),
        ]),
        ("各单位办理情况", HEADERS, [_unit_line(r) for r in data["rows"]]),
        ("逾期未完成事项（按单位）", ["单位", "案件", "案件类型", "期限", "到期日", "逾期工作日"],
         [[o["department"], o["case"], o["case_kind"], o["kind"], o["due"], o["late"]] for o in data["overdue"]]),
        ("整改进展", ["说明"], [[data["rectification"]["note"]]]),
        ("整改案件", RECTIFICATION_HEADERS,
         [[r[k] for k in RECTIFICATION_KEYS] for r in data["rectification"]["rows"]]),
    ]


def _oversight_lines(data: dict) -> list[list]:
    o = data.get("oversight") or {}
    return [["期内发出督办函", o.get("issued", 0)], ["期内书面反馈督办", o.get("answered", 0)],
            ["期内提级督办", o.get("escalated", 0)]]


def report_csv(report: SupervisionReport, data: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([report_title(report)])
    for title, headers, lines in _sections(report, data):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(headers)
        writer.writerows(lines)
    # A BOM so that Excel opens the Chinese text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: SupervisionReport, data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, headers, lines in _sections(report, data):
        sheet = book.create_sheet(title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines:
            sheet.append(line)
        for i, _ in enumerate(headers):
            sheet.column_dimensions[chr(ord("A") + i)].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def supervisor_office(jurisdiction: Jurisdiction) -> Department | None:
    return Department.objects.filter(jurisdiction=jurisdiction, is_supervisor_office=True).order_by("pk").first()


def _letter_context(report: SupervisionReport, data: dict) -> dict:
    t = data["totals"]
    rate = "—" if t["rate"] is None else f"{t['rate']}%"
    withdrawn = f"，申请人撤回{t['withdrawn']}件（不计入办结）" if t.get("withdrawn") else ""
    extended = f"，经批准延长办理期限{t['extended']}件（按延长后的期限考核）" if t.get("extended") else ""
    kinds = "、".join(f"{label}{n}件" for label, n in data["received_by_kind"].items())
    summary = (f"{report.period_label}，{data['jurisdiction']}共受理案件{t['received']}件（{kinds}），"
               f"办结{t['closed']}件{withdrawn}{extended}；"
               f"期内完成的法定期限{t['on_time'] + t['late']}项，其中按期{t['on_time']}项、逾期{t['late']}项，"
               f"按期率{rate}。截至{data['as_of']}，仍有{t['overdue']}项期限逾期未完成。\n"
               f"整改进展：{data['rectification']['note']}")
    o = data.get("oversight") or {}
    if any(o.values()):  # no 督办 line in a quarter without any
        summary += (f"\n督办情况：期内发出督办函{o['issued']}件，收到书面反馈{o['answered']}件，"
                    f"提级督办{o['escalated']}件。")
    rows = [{"unit": r["unit"], "received": r["received"], "closed": r["closed"], "overdue": r["overdue"]}
            for r in data["rows"]] or [{"unit": "合计", "received": 0, "closed": 0, "overdue": 0}]
    findings = [f"{o['department']}：{o['case']}{o['kind']}期限于{o['due']}届满，逾期{o['late']}个工作日。"
                for o in data["overdue"][:30]]
    if len(data["overdue"]) > 30:
        findings.append(f"另有{len(data['overdue']) - 30}项逾期事项，详见附表。")
    # No 工作要求 of our own: a time limit for the overdue units would have to come from a rule,
    # and the plan (吉政办发〔2017〕75号) sets none for a report to impose.
    context = {"title": report_title(report), "period": report.period_label, "summary": summary, "rows": rows}
    if findings:  # no 存在问题 section when nothing is overdue
        context["findings"] = findings
    return context


def _issue_pdf(report: SupervisionReport, data: dict) -> str:
    """Issue the report as a letter; return a note for the page (empty when issued)."""
    from letters.selectors import letters_about

    from casework.services.case_letters import department_issuer
    from letters.services import letter_issue

    if letters_about(report).exists():
        return ""  # issued by an earlier, interrupted run
    office = supervisor_office(report.jurisdiction)
    if office is None:
        return f"{report.jurisdiction}未设联席会议办公室，无法以通报形式出具PDF；已生成CSV和XLSX。"
    with transaction.atomic():
        letter_issue(issuer=department_issuer(office), kind=LETTER_KINDS[ReportKind(report.kind)],
                     addressee="各有关单位", context=_letter_context(report, data), about=report,
                     acting_user=report.requested_by)
    return ""


def report_generate(*, report_id: int, today: datetime.date | None = None) -> SupervisionReport:
    """Build the report's numbers and files. Idempotent: a finished report is left as it is."""
    report = SupervisionReport.objects.select_related("jurisdiction", "requested_by").get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return report
    today = today or clock.today()
    _progress(report, 5, "正在统计……", status=ReportStatus.RUNNING)
    try:
        data = report_data(jurisdiction=report.jurisdiction, start=report.period_start, end=report.period_end,
                           today=today)
        _progress(report, 40, "正在生成CSV……", summary={"totals": data["totals"]})
        stem = f"{report.jurisdiction.code}-{report.period_start:%Y%m%d}-{report.kind}-{report.pk}"
        report.csv_file.save(f"{stem}.csv", ContentFile(report_csv(report, data)), save=False)
        _progress(report, 60, "正在生成XLSX……", csv_file=report.csv_file)
        report.xlsx_file.save(f"{stem}.xlsx", ContentFile(report_xlsx(report, data)), save=False)
        _progress(report, 80, "正在出具PDF通报……", xlsx_file=report.xlsx_file)
        note = _issue_pdf(report, data)
        _progress(report, 100, note, status=ReportStatus.DONE, finished_at=clock.now())
    except Exception as exc:
        logger.exception("report %s failed", report_id)
        message = "；".join(exc.messages) if isinstance(exc, DomainError) else "生成失败，请稍后重试或联系管理员。"
        _progress(report, report.progress, message[:255], status=ReportStatus.FAILED)
        return report
    if report.scheduled:
        report_announce(report=report)
    return report


def _period_before(kind: str, day: datetime.date) -> tuple[int, int, datetime.date]:
    """(year, part, first day of the next period) of the last period of `kind` ended before `day`."""
    if kind == ReportKind.QUARTERLY:
        part = (day.month - 1) // 3  # the quarter before today's; 0 means last year's fourth
        next_first = datetime.date(day.year, 3 * part + 1, 1)
        return (day.year, part, next_first) if part else (day.year - 1, 4, next_first)
    part = (day.month - 1) // 6
    next_first = datetime.date(day.year, 6 * part + 1, 1)
    return (day.year, part, next_first) if part else (day.year - 1, 2, next_first)


def release_day(first: datetime.date, calendar=None) -> datetime.date:
    """The first working day on or after `first` (the 1st of the period after the report's)."""
    cal = calendar or current_calendar()
    day = first
    while not cal.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def reports_schedule(*, today: datetime.date, calendar=None) -> list[SupervisionReport]:
    """Make the reports due by `today` for every supervisor office's region; return those made now.

    A report is due from the first working day after its period (Q3 2026: 8 October, after
    National Day). Idempotent: one scheduled report per kind, region and period (a
    constraint), so a second run, or a second consumer, makes none; a run missed on the
    day is caught up by the next one. Each is generated in the worker after commit.
    """
    from supervision.tasks import report_generate_task

    made = []
    regions = Jurisdiction.objects.filter(pk__in=Department.objects.filter(is_supervisor_office=True)
                                          .values("jurisdiction_id")).order_by("path")
    for kind in (ReportKind.QUARTERLY, ReportKind.INSPECTION):
        year, part, next_first = _period_before(kind, today)
        if today < release_day(next_first, calendar):
            continue
        start, end, label = report_period(kind=kind, year=year, part=part)
        for region in regions:
            with transaction.atomic():
                report, created = SupervisionReport.objects.get_or_create(
                    kind=kind, jurisdiction=region, period_start=start, scheduled=True,
                    defaults={"period_end": end, "period_label": label},
                )
                if created:
                    transaction.on_commit(lambda pk=report.pk: report_generate_task(pk))
                    made.append(report)
    return made


def report_announce(*, report: SupervisionReport) -> int:
    """Tell the region's supervisor office (its staff and the region's supervisors) that the
    scheduled report is ready; return how many notifications were made (0 when already told)."""
    offices = Department.objects.filter(jurisdiction=report.jurisdiction, is_supervisor_office=True)
    recipients = User.objects.filter(is_active=True).filter(
        models.Q(department__in=offices) | models.Q(role=Role.SUPERVISOR, jurisdiction=report.jurisdiction))
    label = f"{report.period_label}{report.get_kind_display()}"
    message = f"{report_title(report)}已按期自动生成，请在“监督报告”中查阅。"
    made = 0
    for user in recipients.distinct():
        _, created = Notification.objects.get_or_create(
            report=report, recipient=user,
            defaults={"kind": NotificationKind.REPORT, "case_label": label[:64], "step": "report", "message": message},
        )
        made += created
    return made

