"""Text limits: one set of numbers for models, forms, the API and the services."""

import pytest

from casework.errors import DomainError
from casework.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX, text_check
from casework.models import CreditRecord, ObjectionCase, RectificationSubmission
from tests.factories import CreditRecordFactory, UserFactory
from staff.forms import DecideForm, LiftingForm
from workflows.objection_actions import objection_lodge


def test_text_check_names_every_over_long_field_with_its_limit_and_length():
    with pytest.raises(DomainError) as caught:
        text_check(grounds=("理" * 5001, LONG_TEXT_MAX), reason=("短", SHORT_TEXT_MAX), note=("x" * 501, 500))
    assert caught.value.message_dict == {
        "grounds": ["不能超过5000个字符（当前5001个）。"],
        "note": ["不能超过500个字符（当前501个）。"],
    }


def test_text_check_passes_texts_at_the_limit_and_missing_ones():
    text_check(grounds=("理" * LONG_TEXT_MAX, LONG_TEXT_MAX), reason=(None, SHORT_TEXT_MAX))


def test_the_model_fields_carry_the_same_numbers():
    assert ObjectionCase._meta.get_field("grounds").max_length == LONG_TEXT_MAX
    assert CreditRecord._meta.get_field("facts").max_length == LONG_TEXT_MAX
    assert RectificationSubmission._meta.get_field("text").max_length == 10000


@pytest.mark.django_db
def test_the_service_refuses_over_long_grounds_whoever_calls_it():
    record = CreditRecordFactory()
    officer = UserFactory(subject_officer=True, subject=record.subject)
    with pytest.raises(DomainError) as caught:
        objection_lodge(record=record, grounds="理" * (LONG_TEXT_MAX + 1), channel="department", acting_user=officer)
    assert caught.value.message_dict == {"grounds": [f"不能超过{LONG_TEXT_MAX}个字符（当前{LONG_TEXT_MAX + 1}个）。"]}
    assert not ObjectionCase.objects.exists()


def test_staff_forms_refuse_over_long_reasons_and_huge_ids():
    form = DecideForm(data={"outcome": "not_upheld", "reasons": "理" * (LONG_TEXT_MAX + 1)})
    assert not form.is_valid()
    assert form.errors["reasons"] == [f"不能超过{LONG_TEXT_MAX}个字符（当前{LONG_TEXT_MAX + 1}个）。"]
    form = LiftingForm(data={"measure_id": str(2**63)})
    assert not form.is_valid() and "measure_id" in form.errors
