import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """A test that asks for English must not leave English on for the next one."""
    yield
    translation.activate("zh-hans")
    translation.deactivate()


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
