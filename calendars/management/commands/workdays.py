"""Working-day arithmetic from the shell.

    manage.py workdays due 2026-09-28 15          -> 2026-10-23
    manage.py workdays due --csv - < starts.csv   -> a start,n,due,provisional header, then one line each
    manage.py workdays explain 2026-09-28 15      -> the day-by-day count

Before `migrate` it counts with the built-in calendar and says so on stderr
(calendars.management.before_migrate).
"""

import csv
import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from calendars.arithmetic import add_working_days, add_working_days_bulk, due_date
from calendars.errors import CalendarError
from calendars.explain import explain, explanation_lines
from calendars.management.before_migrate import command_calendar


def _date(text: str, where: str = "") -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{where}“{text}”不是有效日期，应为 YYYY-MM-DD 格式，例如 2026-09-28。") from None


def _days(text: str, where: str = "") -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise CommandError(f"{where}工作日数“{text}”不是整数。") from None


class Command(BaseCommand):
    help = "按工作日历计算期限：due 计算到期日，explain 逐日说明计算过程。"
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{due,explain}")
        due = actions.add_parser("due", help="第 n 个工作日（收到之日不计入）")
        due.add_argument("start", nargs="?", help="收到之日，YYYY-MM-DD")
        due.add_argument("n", nargs="?", help="工作日数")
        due.add_argument(
            "--csv", metavar="FILE", help="从文件（- 表示标准输入）逐行读取 start,n，输出 start,n,due,provisional（yes：计算经过尚未公布放假安排的年度，暂定）"
        )
        explain_ = actions.add_parser("explain", help="逐日说明哪些天计入、哪些天跳过及原因")
        explain_.add_argument("start", help="收到之日，YYYY-MM-DD")
        explain_.add_argument("n", help="工作日数")

    def handle(self, *args, action, **options):
        self.calendar = command_calendar(stderr=self.stderr)
        try:
            if action == "explain":
                self._explain(options)
            elif options["csv"] is not None:
                self._due_csv(options)
            else:
                self._due(options)
        except CalendarError as exc:
            raise CommandError("；".join(exc.messages)) from None

    def _due(self, options):
        if options["start"] is None or options["n"] is None:
            raise CommandError("请给出收到之日和工作日数，例如：workdays due 2026-09-28 15；或使用 --csv -。")
        start, n = _date(options["start"]), _days(options["n"])
        result = due_date(start=start, working_days=n, calendar=self.calendar)
        self.stdout.write(result.date.isoformat())
        if result.provisional:
            years = "、".join(f"{y}年" for y in result.provisional_years)
            self.stderr.write(f"注意：{years}的放假安排尚未确认，此到期日为暂定。")

    def _explain(self, options):
        ex = explain(_date(options["start"]), _days(options["n"]), calendar=self.calendar)
        for line in explanation_lines(ex):
            self.stdout.write(line)

    def _due_csv(self, options):
        if options["start"] is not None:
            raise CommandError("使用 --csv 时不要再给出日期和工作日数。")
        source = options["csv"]
        if source == "-":
            rows = self._read(options.get("stdin") or sys.stdin, "标准输入")
        else:
            try:
                with open(source, encoding="utf-8-sig") as handle:
                    rows = self._read(handle, source)
            except OSError as exc:
                raise CommandError(f"无法读取文件“{source}”：{exc.strerror}。") from None
        # Every line is checked before any answer is written: a bad line
        # refuses the whole input rather than leaving half an output.
        starts, counts = [], []
        for line_no, row in rows:
            where = f"第{line_no}行："
            if len(row) != 2:
                raise CommandError(f"{where}应为“起始日期,工作日数”两列，实际为{len(row)}列。")
            starts.append(_date(row[0], where))
            counts.append(_days(row[1], where))
        try:
            dues = add_working_days_bulk(starts, counts, calendar=self.calendar)
        except CalendarError:
            # Name the faulty line, not its position among the computed rows.
            for (line_no, _), start, n in zip(rows, starts, counts):
                try:
                    add_working_days(start, n, calendar=self.calendar)
                except CalendarError as exc:
                    raise CommandError(f"第{line_no}行：" + "；".join(exc.messages)) from None
            raise
        # A provisional line is marked in a column of its own, named in a header, so a
        # spreadsheet or a script reading the file cannot take a 2027 date for a firm one.
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["start", "n", "due", "provisional"])
        for start, n, due in zip(starts, counts, dues):
            provisional = self.calendar.provisional_years_in(start + datetime.timedelta(days=1), due)
            writer.writerow([start.isoformat(), n, due.isoformat(), "yes" if provisional else "no"])

    @staticmethod
    def _read(handle, name):
        rows = []
        for line_no, row in enumerate(csv.reader(handle), start=1):
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if line_no == 1 and row[0].strip().lower() == "start":
                continue  # a header line
            rows.append((line_no, row))
        if not rows:
            raise CommandError(f"{name}中没有读到任何“起始日期,工作日数”行。")
        return rows
