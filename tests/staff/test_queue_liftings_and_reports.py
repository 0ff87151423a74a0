"""The queue's measures to lift get a 确认解除 button that asks first; reports to the platform show where
their automatic delivery stands and ask nobody to type a receipt number."""

import re

import pytest

from casework.models import MeasureLifting, PlatformReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
QUEUE = "/staff/work/queue/"


@pytest.fixture
def decided(client, two_department_record, lodged_objection):
    """An objection upheld with the record revoked and replied to: each department has a measure to lift."""
    world = two_department_record
    case = lodged_objection
    client.force_login(world["handler"])
    url = f"/staff/work/objections/{case.number}/"
    for step in ({"action": "accept"},
                 {"action": "decide", "outcome": "upheld", "reasons": "已付清", "revoke": "on", "confirmed": "1"},
                 {"action": "reply", "confirmed": "1"}):
        assert client.post(url, step).status_code == 302, step
    assert MeasureLifting.objects.count() == 2
    return world, case


def lifting_row(body, lifting) -> str:
    return re.search(rf'<tr[^>]*data-lifting="{lifting.pk}".*?</tr>', body, re.S)[0]


def test_a_lifting_row_has_the_confirm_button_behind_a_confirmation_box(client, decided):
    world, _ = decided
    lifting = MeasureLifting.objects.get(measure=world["own"])
    row = lifting_row(client.get(QUEUE).content.decode(), lifting)
    assert "确认解除" in row and 'name="confirmed" value="1" required' in row
    assert f'data-lifting="{MeasureLifting.objects.get(measure=world["theirs"]).pk}"' not in client.get(
        QUEUE).content.decode()  # the other department's measure is in its own queue


def test_nothing_happens_without_the_confirmation(client, decided):
    world, _ = decided
    lifting = MeasureLifting.objects.get(measure=world["own"])
    page = client.post(f"{QUEUE}liftings/{lifting.pk}/confirm/", {"next": QUEUE}, follow=True)
    assert "确认解除不可撤回" in page.content.decode()
    lifting.refresh_from_db()
    assert lifting.confirmed_at is None


def test_confirmed_the_measure_is_lifted_through_the_action_and_leaves_the_queue(client, decided):
    world, case = decided
    lifting = MeasureLifting.objects.get(measure=world["own"])
    page = client.post(f"{QUEUE}liftings/{lifting.pk}/confirm/", {"next": QUEUE, "confirmed": "1"}, follow=True)
    body = page.content.decode()
    assert f"{case.number}：已确认解除本部门措施。" in body
    lifting.refresh_from_db()
    assert lifting.confirmed_at is not None and lifting.confirmed_by == world["handler"]
    assert f'data-lifting="{lifting.pk}"' not in body


def test_another_department_cannot_confirm_it(client, decided):
    world, _ = decided
    lifting = MeasureLifting.objects.get(measure=world["own"])
    client.force_login(world["other"])
    assert client.post(f"{QUEUE}liftings/{lifting.pk}/confirm/", {"confirmed": "1"}).status_code == 404
    lifting.refresh_from_db()
    assert lifting.confirmed_at is None


def test_a_pending_report_shows_its_delivery_state_and_asks_for_no_receipt(client, decided):
    world, case = decided
    report = PlatformReport.objects.get()
    body = client.get(QUEUE).content.decode()
    table = re.search(r'<table class="cw-table" id="report-queue">.*?</table>', body, re.S)[0]
    assert case.number in table and report.record.number in table
    assert re.search(r'data-delivery="(pending|delivering|failed)"', table)
    assert "回执号" not in body and 'name="receipt"' not in body
    assert 'href="/exchange/"' not in body  # a handler cannot open the operations page
    assert "省级平台报送" in body


def test_the_kind_filter_shows_only_the_lifting_rows(client, decided):
    world, case = decided
    body = client.get(QUEUE, {"kind": "lifting"}).content.decode()
    assert 'id="lifting-queue"' in body and 'id="queue"' not in body and 'id="report-queue"' not in body
    table = re.search(r'<table class="cw-table" id="lifting-queue">.*?</table>', body, re.S)[0]
    assert case.number in table  # the rows themselves, not only the table: every case kind's liftings


def test_the_report_filter_shows_the_report_rows(client, decided):
    world, case = decided
    body = client.get(QUEUE, {"kind": "report"}).content.decode()
    table = re.search(r'<table class="cw-table" id="report-queue">.*?</table>', body, re.S)[0]
    assert case.number in table and 'id="lifting-queue"' not in body


def test_only_staff_reach_the_confirmation(client, decided):
    world, _ = decided
    lifting = MeasureLifting.objects.get(measure=world["own"])
    client.force_login(UserFactory(subject_officer=True, subject=world["record"].subject))
    assert client.post(f"{QUEUE}liftings/{lifting.pk}/confirm/", {"confirmed": "1"}).status_code == 403


def test_the_case_page_offers_no_hand_typed_receipt(client, decided):
    """Delivery and receipt are automatic; the step stays the API's (platform-down fallback) only."""
    world, case = decided
    url = f"/staff/work/objections/{case.number}/"
    body = client.get(url).content.decode()
    assert "confirm-report" not in body and "回执号" not in body and 'name="receipt"' not in body
    assert client.post(url, {"action": "confirm-report", "receipt": "R-1"}).status_code == 404
    assert PlatformReport.objects.get().receipt_number == ""


def test_only_the_kinds_with_rows_waiting_get_a_part_in_the_tables(decided):
    """staff.queue_rows.waiting_kinds: the handling department has an objection's measure to lift and
    its report; the other department has only its measure to lift; neither has a task left."""
    from staff.kinds import KINDS
    from staff.queue_rows import waiting_kinds

    world, _ = decided
    kinds = list(KINDS.values())
    codes = {table: [kind.code for kind in found] for table, found in waiting_kinds(world["handler"], kinds).items()}
    assert codes == {"tasks": [], "liftings": ["objection"], "reports": ["objection"]}
    other = {table: [kind.code for kind in found] for table, found in waiting_kinds(world["other"], kinds).items()}
    assert other["liftings"] == ["objection"] and other["tasks"] == []
