"""The calendar a shell command counts with, before `migrate` as after.

The README's first command is `manage.py workdays due 2026-09-28 15`, often run on a
fresh checkout before `migrate`: there are no tables then, so no administrator
adjustments to read, and the built-in calendar (China's holidays and make-up
working days as the `holidays` package has them) is what a new database would
give too. The command says so on stderr, so its answer is not taken for the
calendar in force.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from calendars.current import current_calendar
from calendars.index import WorkdayIndex

NOT_MIGRATED = "数据库尚未迁移：按内置日历计算，未含管理员调整。运行 manage.py migrate 后生效。"


def calendar_migrated(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when every calendars migration is applied (a missing table or column would fail)."""
    executor = MigrationExecutor(connections[using])
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "calendars"]
    return not executor.migration_plan(targets)


def command_calendar(*, stderr, using: str = DEFAULT_DB_ALIAS) -> WorkdayIndex:
    """The calendar in force; before `migrate`, the built-in one, said so on `stderr`."""
    if calendar_migrated(using):
        return current_calendar()
    stderr.write(NOT_MIGRATED)
    return WorkdayIndex(token="built-in")
