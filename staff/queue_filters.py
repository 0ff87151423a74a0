"""The queue's search and filters, read from the query string and applied in the database.

One box searches the case number, the subject's name and its unified social credit
code; the filters narrow by kind (a case kind, or the lifting or report rows), case
status, due window and overdue only, and by who holds a task. A value the page does
not know is dropped with a note, never an error: the links a clerk bookmarked keep
working when a kind or status is renamed.
"""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from calendars.arithmetic import add_working_days

# The row tables besides the case kinds' tasks: measures to lift, reports to the provincial platform.
ROW_KINDS = {"lifting": "解除惩戒措施", "report": "省级平台报送"}
HOLDERS = {"mine": "我的", "unclaimed": "未认领"}
OVERDUE = "overdue"
DUE_WINDOW_MAX = 60  # working days: a wider window is "all"
SEARCH_MAX = 64


@dataclasses.dataclass(frozen=True)
class QueueFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    due: str = ""  # "", "overdue" or a number of working days
    overdue: bool = False
    holder: str = ""
    notes: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.q or self.kind or self.status or self.due or self.overdue or self.holder)

    def query(self, **extra) -> str:
        """The filters as a query string (no leading "?"), for the pager and the export links."""
        pairs = [(name, value) for name, value in (
            ("q", self.q), ("kind", self.kind), ("status", self.status), ("due", self.due),
            ("overdue", "1" if self.overdue else ""), ("holder", self.holder), *extra.items(),
        ) if value]
        return urlencode(pairs)

    @property
    def narrows_cases(self) -> bool:
        return bool(self.q or self.status)

    def shows(self, table: str) -> bool:
        """Whether the table `table` (a case kind's code, "lifting" or "report") has rows under the kind filter."""
        if not self.kind:
            return True
        return self.kind == table or (table in ROW_KINDS and self.kind not in ROW_KINDS)

    def narrow_cases(self, kind, cases: QuerySet) -> QuerySet:
        """`cases` (of case kind `kind`) that match the search box and the status filter."""
        if self.status:
            cases = cases.filter(status=self.status) if self.status in kind_statuses(kind) else cases.none()
        if self.q:
            cases = cases.filter(
                Q(number__icontains=self.q) | Q(subject__name__icontains=self.q) | Q(subject__uscc__icontains=self.q)
            )
        return cases

    @property
    def narrows_due(self) -> bool:
        return bool(self.overdue or self.due)

    def narrow_due(self, rows: QuerySet, *, today: datetime.date, due="due", met="met") -> QuerySet:
        """`rows` annotated with their due date (`due`) and when it was met (`met`), narrowed by due window."""
        running = {f"{met}__isnull": True}
        if self.overdue or self.due == OVERDUE:
            rows = rows.filter(**running, **{f"{due}__lt": today})
        elif self.due:
            rows = rows.filter(**running, **{f"{due}__gte": today,
                                             f"{due}__lte": add_working_days(today, int(self.due))})
        return rows


def kind_statuses(kind) -> dict:
    """The open statuses of case kind `kind`: value → label."""
    # In the field's order (open_statuses may be a set).
    return {status: label for status, label in kind.model._meta.get_field("status").choices
            if status in kind.open_statuses}


def parse_filters(params, *, kinds) -> QueueFilters:
    """The filters in `params` (request.GET); unknown values are dropped and said in `notes`."""
    notes = []
    kind_codes = {kind.code for kind in kinds} | set(ROW_KINDS)
    statuses = {status for kind in kinds for status in kind_statuses(kind)}

    def known(name, allowed, what):
        value = params.get(name, "").strip()
        if value and value not in allowed:
            notes.append(f"未识别的{what}“{value[:SEARCH_MAX]}”，已忽略。")
            return ""
        return value

    due = params.get("due", "").strip()
    if due and due != OVERDUE:
        if not due.isdigit() or not 0 < int(due) <= DUE_WINDOW_MAX:
            notes.append(f"到期范围“{due[:SEARCH_MAX]}”应为 1 至 {DUE_WINDOW_MAX} 个工作日，已忽略。")
            due = ""
        else:
            due = str(int(due))
    overdue = params.get("overdue", "").strip()
    if overdue not in ("", "1"):
        notes.append("“仅看已逾期”的取值无效，已忽略。")
    return QueueFilters(
        q=params.get("q", "").strip()[:SEARCH_MAX], kind=known("kind", kind_codes, "类型"),
        status=known("status", statuses, "状态"), due=due, overdue=overdue == "1",
        holder=known("holder", HOLDERS, "认领范围"), notes=tuple(notes),
    )
