"""The staff case page offers 延长办理期限 when the province allows it: the form bounds the days by
the setting and speaks Chinese, the first POST asks for confirmation, the second extends."""

import pytest

from casework.models import CaseExtension
from staff.forms import ExtendForm
from workflows.actions import act

pytestmark = pytest.mark.django_db
REASON = "所涉款项由三个部门分别支付，需逐一调取支付凭证核实。"


@pytest.fixture
def accepted(two_department_record, lodged_objection, client):
    """An objection received 28 September, accepted on the 29th (reply due 23 October); the handler logged in."""
    w = two_department_record
    case = act(case=lodged_objection, action="accept", acting_user=w["handler"])
    client.force_login(w["handler"])
    return case, f"/staff/work/objections/{case.number}/"


def test_the_page_offers_no_extension_while_the_setting_is_off(client, accepted):
    _case, url = accepted
    assert 'id="action-extend"' not in client.get(url).content.decode()


def test_the_page_offers_the_form_bounded_by_the_setting(client, accepted, extensions_on):
    _case, url = accepted
    page = client.get(url).content.decode()
    assert 'id="action-extend"' in page and "延长办理期限" in page
    assert 'max="15"' in page and "最多15个工作日，只能延长一次" in page
    assert "延长理由（将写入延期通知书）" in page


def test_the_form_refuses_in_chinese(accepted, extensions_on):
    case, _url = accepted
    form = ExtendForm({"days": "16", "reason": ""}, case=case)
    assert not form.is_valid()
    assert form.errors["days"] == ["延长的工作日数不能超过15个。"]
    assert form.errors["reason"] == ["请写明延长期限的理由。"]
    assert ExtendForm({"days": "0", "reason": REASON}, case=case).errors["days"] == ["延长的工作日数至少为1个。"]


def test_too_many_days_are_shown_on_the_form_and_nothing_changes(client, accepted, extensions_on):
    _case, url = accepted
    page = client.post(url, {"action": "extend", "days": "20", "reason": REASON}).content.decode()
    assert "延长的工作日数不能超过15个。" in page
    assert not CaseExtension.objects.exists()


def test_it_asks_first_then_extends(client, accepted, extensions_on):
    case, url = accepted
    page = client.post(url, {"action": "extend", "days": "5", "reason": REASON}).content.decode()
    assert "书面答复期限只能延长一次" in page and 'name="confirmed" value="1"' in page
    assert not CaseExtension.objects.exists()
    response = client.post(url, {"action": "extend", "days": "5", "reason": REASON, "confirmed": "1"})
    assert response.status_code == 302
    extension = CaseExtension.objects.get()
    assert (extension.case, extension.working_days) == (case, 5)
    page = client.get(url).content.decode()
    assert 'id="action-extend"' not in page and "2026-10-30" in page  # the deadline row shows the new date
