"""The portal's forms refuse an over-long text next to the field, in Chinese, and store nothing."""

import pytest
from django.urls import reverse

from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX
from casework.models import ObjectionCase, ObjectionStatus
from portal.forms import LodgeForm, RectificationSubmitForm, WithdrawForm
from tests.factories import CreditRecordFactory, UserFactory
from workflows.objection_actions import objection_lodge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at")]  # 28 Sept 2026, 10:00


@pytest.fixture
def officer(client):
    record = CreditRecordFactory()
    user = UserFactory(subject_officer=True, subject=record.subject)
    client.force_login(user)
    return user, record


def test_over_long_grounds_are_a_form_error_with_the_limit_and_the_length(client, officer):
    _, record = officer
    response = client.post(reverse("portal:objection_new"),
                           {"record": record.pk, "channel": "department", "grounds": "理" * (LONG_TEXT_MAX + 1)})
    assert response.status_code == 200
    assert f"不能超过{LONG_TEXT_MAX}个字符（当前{LONG_TEXT_MAX + 1}个）。" in response.content.decode()
    assert not ObjectionCase.objects.exists()


def test_an_over_long_withdrawal_reason_leaves_the_case_open(client, officer):
    user, record = officer
    case = objection_lodge(record=record, grounds="该款项已付清，记录与事实不符。", channel="department",
                           acting_user=user)
    client.post(reverse("portal:objection_withdraw", args=[case.number]), {"reason": "因" * (SHORT_TEXT_MAX + 1)})
    case.refresh_from_db()
    assert case.status == ObjectionStatus.LODGED


def test_the_text_boxes_tell_the_browser_their_limit():
    assert f'maxlength="{LONG_TEXT_MAX}"' in str(LodgeForm()["grounds"])
    assert f'maxlength="{SHORT_TEXT_MAX}"' in str(WithdrawForm()["reason"])
    assert 'maxlength="10000"' in str(RectificationSubmitForm()["text"])
