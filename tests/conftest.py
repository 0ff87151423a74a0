import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """A test that asks for English must not leave English on for the next one."""
    yield
    translation.activate("zh-hans")
    translation.deactivate()


@pytest.fixture
def fresh_calendar():
    """The working-day calendar read anew before and after: a test that changes it
    (an override, a notice) must not leave its days to the next one."""
    from calendars.current import forget_calendar

    forget_calendar()
    yield
    forget_calendar()


@pytest.fixture
def at(monkeypatch):
    """Move the one clock, `calendars.clock.now`, for every room: `at(2026, 10, 9)` makes it
    10:00 that day in Beijing (`at(2026, 10, 9, 23, 30)` for another hour) and returns the
    moment; `clock.today()` follows. It starts at 28 September 2026, 10:00."""
    from calendars import clock
    from tests.factories import beijing

    def move(*args):
        moment = beijing(*args)
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    move(2026, 9, 28)
    return move


@pytest.fixture
def extensions_on(settings):
    """The province allows one extension (延期) of an objection's reply, up to 15 working days, and of
    a repair review, up to 10, each with a basis the notice cites (off by default: config/settings/base.py).
    The objection basis is a stand-in: the seed has no such provision."""
    settings.CASEWORK_EXTENSIONS = {
        "reply": {"allowed": True, "max_working_days": 15,
                  "basis": "《关于复杂异议案件延期答复的规定》（测试用依据）第三条"},
        "repair_review": {**settings.CASEWORK_EXTENSIONS["repair_review"], "allowed": True, "max_working_days": 10},
    }
    return settings.CASEWORK_EXTENSIONS


@pytest.fixture
def two_department_record(db):
    """A record its department (财政局) determined, with a measure that department imposed
    (`own`, no funding) and one 省人社厅 imposed (`theirs`, no honours); the subject's officer,
    a handler in the determining department (`handler`) and one in 省人社厅 (`other`)."""
    from tests.factories import CreditRecordFactory, DepartmentFactory, PunishmentMeasureFactory, UserFactory

    record = CreditRecordFactory()  # 一般, determined 2026-03-16
    other = DepartmentFactory(name="省人社厅")
    return {
        "record": record,
        "own": PunishmentMeasureFactory(record=record, imposed_by=record.determined_by),
        "theirs": PunishmentMeasureFactory(record=record, imposed_by=other, kind="no_honours"),
        "officer": UserFactory(subject_officer=True, subject=record.subject),
        "handler": UserFactory(handler=True, department=record.determined_by),
        "other": UserFactory(handler=True, department=other),
    }


@pytest.fixture
def lodged_objection(two_department_record, at):
    """An objection to the two-department record, received from its subject's officer on Monday
    28 September 2026 (reply due 23 October once accepted); the clock left at the 29th, 10:00."""
    from tests.factories import beijing
    from workflows.objection_actions import objection_lodge

    at(2026, 9, 29)
    w = two_department_record
    return objection_lodge(record=w["record"], grounds="款项已付清，记录与事实不符。", channel="department",
                           acting_user=w["officer"], received_at=beijing(2026, 9, 28))


@pytest.fixture
def rectification_world(db):
    """A city's supervisor office (联席会议办公室) with two handlers, a county government with a
    record, its officer, a handler of the determining department and the city's supervisor."""
    from casework.models import SubjectKind
    from tests.factories import (
        CreditRecordFactory,
        JurisdictionFactory,
        SubjectFactory,
        SupervisorOfficeFactory,
        UserFactory,
    )

    city = JurisdictionFactory()
    office = SupervisorOfficeFactory(name="市联席会议办公室", jurisdiction=city)
    government = SubjectFactory(kind=SubjectKind.GOVERNMENT, jurisdiction=JurisdictionFactory(parent=city))
    record = CreditRecordFactory(subject=government)
    return {
        "office": office, "government": government, "record": record,
        "handler": UserFactory(handler=True, department=office),
        "colleague": UserFactory(handler=True, department=office),
        "officer": UserFactory(subject_officer=True, subject=government),
        "determining": UserFactory(handler=True, department=record.determined_by),
        "supervisor": UserFactory(supervisor=True, jurisdiction=city),
    }


# The history tables refuse DELETE (and TRUNCATE on PostgreSQL) unless their unlock table holds
# a row: the guards in casework/migrations/0001_squashed_0006_issue_14.py and
# letters/migrations/0001_squashed_0004_letter_kinds_of_issue_14.py.
HISTORY_UNLOCK_TABLES = ("casework_history_unlock", "letters_archive_unlock")


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_history():
    """Django empties the test database after each transactional test with `flush`, one
    transaction; let that transaction, and only it, through the history guards: a row in each
    unlock table first, the flush, the rows gone again before it commits. Nothing outside the
    tests writes these tables."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    flush = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        present = set(self.connection.introspection.table_names())
        unlocks = [table for table in HISTORY_UNLOCK_TABLES if table in present]
        flush(self, [f"INSERT INTO {table} (id) VALUES (1)" for table in unlocks] + list(sql_list)
              + [f"DELETE FROM {table}" for table in unlocks])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture(autouse=True)
def _running_counts_agree(request):
    """Every test that writes cases and deadlines through the services also checks that
    the dashboard's running counts (casework.models.tallies) still equal a recount:
    a write path that forgot to record its delta fails here, whichever test takes it."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactional = bool({"transactional_db", "live_server"} & names) or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    uses_db = marker is not None or bool({"db", "transactional_db", "live_server"} & names)
    if uses_db:
        # Set the database up from here, so it is still there when this fixture checks.
        request.getfixturevalue("transactional_db" if transactional else "db")
    yield
    if not uses_db or getattr(request.node, "rep_call_failed", True):
        return
    from django.db import connection

    from casework.services.tallies import tallies_differences

    if connection.closed_in_transaction:  # the test closed it (a command run as a process would)
        return
    differences = tallies_differences()
    assert differences == {}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report


@pytest.fixture
def demo_data(db):
    """The same demo data `manage.py seed_demo` gives a developer."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def appeal_parties(db):
    """A city with its joint-conference office and a determining department; a county government
    with a record of that department; its officer, handlers of both, the city's supervisor."""
    from casework.models import SubjectKind
    from tests.factories import (
        CreditRecordFactory,
        DepartmentFactory,
        JurisdictionFactory,
        SubjectFactory,
        UserFactory,
    )

    city = JurisdictionFactory()
    office = DepartmentFactory(name="市联席会议办公室", jurisdiction=city, is_determining=False,
                               is_supervisor_office=True)
    department = DepartmentFactory(name="市财政局", jurisdiction=city)
    government = SubjectFactory(kind=SubjectKind.GOVERNMENT, jurisdiction=JurisdictionFactory(parent=city))
    record = CreditRecordFactory(subject=government, determined_by=department)
    return {
        "office": office, "department": department, "government": government, "record": record,
        "handler": UserFactory(handler=True, department=office),
        "determining": UserFactory(handler=True, department=department),
        "officer": UserFactory(subject_officer=True, subject=government),
        "supervisor": UserFactory(supervisor=True, jurisdiction=city),
    }


@pytest.fixture
def appeal_world(appeal_parties, at):
    """The appeal parties, with the government's repair application (`repair`) that the department
    rejected on Monday 2026-09-21. The clock is left at 2026-09-28, 10:00."""
    from tests.factories import rejected_repair

    world = appeal_parties
    world["repair"] = rejected_repair(world, at, applied=(2026, 9, 14), decided=(2026, 9, 21))
    at(2026, 9, 28)
    return world
