"""A busy database is answered clearly, never with a 500: 503 "系统繁忙" (API and pages), 409 for a lost race.

The lock errors here are real: another connection holds the write lock
(SQLite) or the record's row lock (PostgreSQL) while the request lodges an
objection, and the request's connection gives up after a fraction of a second
instead of the configured 20 s.
"""

import contextlib
import sqlite3

import psycopg
import pytest
from django.db import connection
from django.db import utils as db_utils
from django.test import RequestFactory
from django.urls import reverse
from django_fsm import ConcurrentTransition

from casework.busy import BusyMiddleware, is_lost_race, is_transient_db_error
from casework.models import ObjectionCase
from tests.api.conftest import client_for
from tests.factories import CreditRecordFactory, UserFactory

GROUNDS = "该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。"


@contextlib.contextmanager
def another_writer_holds(record):
    """Another connection holds what lodging an objection on `record` must lock; ours waits briefly."""
    settings = connection.settings_dict
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 200")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(settings['OPTIONS']['timeout'] * 1000)}")
        return
    other = psycopg.connect(host=settings["HOST"], port=settings["PORT"], user=settings["USER"],
                            password=settings["PASSWORD"] or None, dbname=settings["NAME"])
    other.execute("SELECT 1 FROM casework_creditrecord WHERE id = %s FOR UPDATE", [record.pk])
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")
    try:
        yield
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


@pytest.fixture
def officer_and_record(transactional_db):
    record = CreditRecordFactory()
    return UserFactory(subject_officer=True, subject=record.subject), record


@pytest.mark.django_db(transaction=True)
def test_a_lodge_that_waited_out_the_lock_is_503_retry_later_and_saves_nothing(officer_and_record):
    officer, record = officer_and_record
    api = client_for(officer)
    with another_writer_holds(record):
        response = api.post("/api/v1/objections/", {"record": record.pk, "grounds": GROUNDS,
                                                    "channel": "department"}, format="json")
    assert response.status_code == 503
    assert response.json() == {"detail": "系统繁忙，请稍后重试。", "code": "retry_later"}
    assert response["Retry-After"] == "2"
    assert not ObjectionCase.objects.exists()
    # Sent again once the lock is free, it goes through.
    response = api.post("/api/v1/objections/", {"record": record.pk, "grounds": GROUNDS,
                                                "channel": "department"}, format="json")
    assert response.status_code == 201
    assert ObjectionCase.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_portal_form_sent_while_the_database_is_busy_comes_back_as_503_with_what_was_typed(
    client, officer_and_record
):
    officer, record = officer_and_record
    client.force_login(officer)
    data = {"record": record.pk, "channel": "department", "grounds": GROUNDS + "<b>原样</b>"}
    with another_writer_holds(record):
        response = client.post(reverse("portal:objection_new"), data)
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert "系统繁忙，请稍后重试" in page and "没有保存" in page
    # The same fields, escaped, in a form that posts them again with a fresh CSRF token.
    assert f'name="grounds" value="{GROUNDS}&lt;b&gt;原样&lt;/b&gt;"' in page
    assert f'name="record" value="{record.pk}"' in page
    assert f'action="{reverse("portal:objection_new")}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not ObjectionCase.objects.exists()
    response = client.post(reverse("portal:objection_new"), data)
    assert response.status_code == 302
    assert ObjectionCase.objects.count() == 1


def _raised_through_django(error):
    """`error` as Django's database layer re-raises it: its own class, the driver's error as the cause."""
    wrapped = db_utils.OperationalError(*error.args)
    wrapped.__cause__ = error
    return wrapped


def test_djangos_database_layer_wraps_a_lock_error_as_the_tests_here_do():
    with pytest.raises(db_utils.OperationalError) as raised:
        with connection.wrap_database_errors:
            raise sqlite3.OperationalError("database is locked") if connection.vendor == "sqlite" else \
                psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
    assert is_transient_db_error(raised.value)


@pytest.mark.parametrize("error", [
    sqlite3.OperationalError("database is locked"),
    sqlite3.OperationalError("database table is locked"),
    psycopg.errors.SerializationFailure("could not serialize access due to concurrent update"),
    psycopg.errors.DeadlockDetected("deadlock detected"),
    psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
])
def test_lock_and_serialization_errors_are_transient(error):
    assert is_transient_db_error(_raised_through_django(error))


@pytest.mark.parametrize("error", [
    sqlite3.OperationalError("no such table: casework_objectioncase"),
    psycopg.errors.UniqueViolation("duplicate key value"),
    psycopg.errors.UndefinedColumn("column does not exist"),
])
def test_other_database_errors_stay_errors(error):
    assert not is_transient_db_error(_raised_through_django(error))


def test_a_raw_sqlite_error_from_outside_djangos_database_layer_is_not_taken_for_a_rolled_back_request():
    # e.g. the task queue's own SQLite file, written after the service committed.
    assert not is_transient_db_error(sqlite3.OperationalError("database is locked"))


def test_a_lost_race_that_leaks_past_the_services_is_a_409_page():
    request = RequestFactory().post("/staff/objections/YY-2026-000001/accept/", {"note": "x"})
    response = BusyMiddleware(lambda r: None).process_exception(request, ConcurrentTransition("changed"))
    assert is_lost_race(ConcurrentTransition("changed"))
    assert response.status_code == 409
    assert "案件已被他人处理" in response.content.decode()
    assert not response.has_header("Retry-After")


def test_other_exceptions_are_left_to_django():
    request = RequestFactory().get("/portal/")
    assert BusyMiddleware(lambda r: None).process_exception(request, ValueError("bug")) is None


def test_passwords_and_files_are_not_written_back_into_the_page():
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = RequestFactory().post("/accounts/login/", {
        "username": "张三", "password": "secret-pw", "evidence": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    response = BusyMiddleware(lambda r: None).process_exception(
        request, _raised_through_django(sqlite3.OperationalError("database is locked")))
    page = response.content.decode()
    assert response.status_code == 503
    assert 'name="username" value="张三"' in page
    assert "secret-pw" not in page and 'name="evidence"' not in page
    assert "所附文件需要重新选择" in page
