"""The staff case page takes the actions `workflows.actions` declares: labels and forms from
the declaration, an irreversible one only with confirmed=1 (else the confirm panel), and
none of the subject's own steps."""

import pytest

from casework.models import AuditEntry, ObjectionStatus
from tests.factories import beijing

pytestmark = pytest.mark.django_db


@pytest.fixture
def lodged(two_department_record, lodged_objection, client):
    client.force_login(two_department_record["handler"])
    return lodged_objection, f"/staff/work/objections/{lodged_objection.number}/"


def test_the_page_offers_the_declared_actions_with_their_labels(client, lodged):
    _case, url = lodged
    page = client.get(url).content.decode()
    for name, label in (("accept", "受理并转入核查"), ("reject", "不予受理"), ("request-materials", "要求补正材料")):
        assert f'id="action-{name}"' in page and label in page
    assert 'id="action-withdraw"' not in page  # the subject's step, not the department's


def test_an_irreversible_action_shows_the_confirm_panel_and_does_nothing(client, lodged):
    case, url = lodged
    response = client.post(url, {"action": "reject", "reason": "no_grounds", "explanation": "无事实依据"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "此操作不可撤回：不予受理后案件即告终结" in page and "确认执行" in page
    # the panel sends the same fields again, with confirmed=1
    assert 'name="reason" value="no_grounds"' in page and 'name="confirmed" value="1"' in page
    case.refresh_from_db()
    assert case.status == ObjectionStatus.LODGED
    assert not AuditEntry.objects.filter(action="reject").exists()


def test_confirmed_the_action_runs(client, lodged):
    case, url = lodged
    response = client.post(url, {"action": "reject", "reason": "no_grounds", "confirmed": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == ObjectionStatus.NOT_ACCEPTED


def test_an_invalid_form_is_shown_again_before_any_confirmation(client, lodged):
    case, url = lodged
    page = client.post(url, {"action": "reject", "reason": ""}).content.decode()
    assert "此操作不可撤回" not in page
    case.refresh_from_db()
    assert case.status == ObjectionStatus.LODGED


def test_a_reversible_action_runs_at_once(client, lodged):
    case, url = lodged
    assert client.post(url, {"action": "accept"}).status_code == 302
    case.refresh_from_db()
    assert case.status == ObjectionStatus.UNDER_VERIFICATION


@pytest.mark.parametrize("action", ["withdraw", "supply-materials", "no-such-action"])
def test_the_subjects_steps_and_unknown_actions_are_404(client, lodged, action):
    _case, url = lodged
    assert client.post(url, {"action": action, "confirmed": "1"}).status_code == 404


@pytest.mark.django_db
def test_the_repair_page_shows_the_department_the_commitment_the_subject_ticked(client, two_department_record, at):
    from django.urls import reverse

    from casework.repair_requirements import COMMITMENT_TEXT
    from tests.factories import pdf_upload
    from workflows.repair_actions import repair_apply

    world = two_department_record
    case = repair_apply(record=world["record"], losses_recovered="已全额支付拖欠款项及利息。",
                        commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"),
                        evidence=[pdf_upload("回单.pdf")], acting_user=world["officer"],
                        received_at=beijing(2026, 9, 28))
    client.force_login(world["handler"])
    page = client.get(reverse("work:repairs:case", args=[case.number])).content.decode()
    assert "申请人勾选确认的承诺内容：" in page and COMMITMENT_TEXT in page
