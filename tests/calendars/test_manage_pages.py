"""The administrators' calendar pages (workflows/calendar_views.py), through the test client.

They sit in workflows because they recompute casework deadlines; they are
tested here with the rest of the calendar.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from calendars.current import current_calendar
from calendars.models import CalendarOverride, ConfirmedYear
from casework.models.deadlines import DeadlineKind
from casework.services.audit import audit_trail
from casework.services.deadlines import deadline_create
from tests.factories import UserFactory, bare_objection_case

from .test_notice_import import NOTICE_2027, REF

D = datetime.date
pytestmark = pytest.mark.django_db
MANAGE, IMPORT = reverse("calendar:manage"), reverse("calendar:import")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory())
    return client


def test_anonymous_users_are_sent_to_login_and_other_roles_are_refused(client):
    assert client.get(MANAGE).status_code == 302
    client.force_login(UserFactory(handler=True))
    assert client.get(MANAGE).status_code == 403
    assert client.get(IMPORT).status_code == 403
    assert client.post(MANAGE, {"date": "2026-10-12", "kind": "day_off", "reason": "x"}).status_code == 403
    assert not CalendarOverride.objects.exists()


def test_administrator_sets_an_override_and_open_deadlines_are_recomputed(admin_client):
    record = bare_objection_case()
    deadline = deadline_create(owner=record, kind=DeadlineKind.REPLY, start=D(2026, 9, 28), working_days=15)
    response = admin_client.post(
        MANAGE, {"date": "2026-10-12", "kind": "day_off", "reason": "防汛停工", "notice_ref": "吉政办明电〔2026〕3号"},
        follow=True,
    )
    page = response.content.decode()
    assert "1天的工作日状态改变；重新计算了1个期限" in page
    assert "防汛停工" in page
    deadline.refresh_from_db()
    assert deadline.due_date == D(2026, 10, 26)
    assert audit_trail(record).filter(action="deadline_recomputed").exists()


def test_a_contradicting_override_is_shown_as_an_error(admin_client):
    admin_client.post(MANAGE, {"date": "2026-10-12", "kind": "day_off", "reason": "防汛停工"})
    response = admin_client.post(MANAGE, {"date": "2026-10-12", "kind": "working", "reason": "又上班"})
    assert response.status_code == 200
    assert "相互矛盾" in response.content.decode()
    assert CalendarOverride.objects.get().kind == "day_off"


def test_administrator_deletes_an_override(admin_client):
    admin_client.post(MANAGE, {"date": "2026-10-12", "kind": "day_off", "reason": "防汛停工"})
    page = admin_client.post(MANAGE, {"action": "delete", "date": "2026-10-12"}, follow=True).content.decode()
    assert "已删除2026-10-12的调整" in page
    assert not CalendarOverride.objects.exists()


def test_from_november_administrators_are_warned_that_next_year_is_provisional(admin_client, at):
    at(2026, 11, 25)
    page = admin_client.get(MANAGE).content.decode()
    assert "2027年的放假安排尚未确认" in page
    at(2026, 10, 25)
    assert "尚未确认" not in admin_client.get(MANAGE).content.decode()


def test_import_previews_the_differences_then_applies_them_and_confirms_the_year(admin_client):
    record = bare_objection_case()
    deadline = deadline_create(owner=record, kind=DeadlineKind.REPLY, start=D(2027, 2, 1), working_days=15)
    assert deadline.provisional and deadline.due_date == D(2027, 2, 26)  # on the package's guess
    form = {"year": "2027", "notice_ref": REF, "text": NOTICE_2027}
    preview = admin_client.post(IMPORT, {**form, "action": "preview"})
    page = preview.content.decode()
    assert "2027-02-20" in page and "春节调休上班" in page and "确认导入2027年放假安排" in page
    assert not CalendarOverride.objects.exists()  # a preview changes nothing
    fingerprint = preview.context["diff"].fingerprint
    # The browser posts the textarea back with CRLF line endings.
    applied = admin_client.post(
        IMPORT, {**form, "text": NOTICE_2027.replace("\n", "\r\n"), "fingerprint": fingerprint, "action": "apply"},
        follow=True,
    )
    assert "已导入2027年放假安排" in applied.content.decode()
    assert ConfirmedYear.objects.get(year=2027).notice_ref == REF
    assert not current_calendar().is_provisional_year(2027)
    deadline.refresh_from_db()
    assert not deadline.provisional and deadline.due_date == D(2027, 3, 1)  # 02-11, 02-12 off, 02-20 worked


def test_import_by_upload(admin_client):
    upload = SimpleUploadedFile("2027.txt", NOTICE_2027.encode("utf-8-sig"), content_type="text/plain")
    page = admin_client.post(
        IMPORT, {"year": "2027", "notice_ref": REF, "file": upload, "action": "preview"}
    ).content.decode()
    assert "2027-02-20" in page and "2027-02-05~2027-02-13 休 春节" in page


def test_a_malformed_import_is_refused_with_every_fault_and_nothing_applied(admin_client):
    text = NOTICE_2027 + "2027-02-30 休\n胡乱一行\n"
    form = {"year": "2027", "notice_ref": REF, "text": text}
    for action in ("preview", "apply"):
        page = admin_client.post(IMPORT, {**form, "action": action}).content.decode()
        assert "日期不存在" in page and "格式不对" in page
    assert not CalendarOverride.objects.exists() and not ConfirmedYear.objects.exists()


def test_an_import_applied_after_the_calendar_changed_is_refused(admin_client):
    form = {"year": "2027", "notice_ref": REF, "text": NOTICE_2027}
    fingerprint = admin_client.post(IMPORT, {**form, "action": "preview"}).context["diff"].fingerprint
    admin_client.post(MANAGE, {"date": "2026-10-12", "kind": "day_off", "reason": "防汛停工"})
    page = admin_client.post(IMPORT, {**form, "fingerprint": fingerprint, "action": "apply"}).content.decode()
    assert "重新预览" in page
    assert not ConfirmedYear.objects.exists()
