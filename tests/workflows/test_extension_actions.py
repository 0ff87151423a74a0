"""When `allowed_actions` offers 延长办理期限 (extend): only with the province's setting on, to the
department that owes the answer, once, while the clock runs and before the original due date."""

import datetime

import pytest

from tests.factories import beijing, pdf_upload
from workflows.actions import act, action_named, allowed_action_names
from workflows.repair_actions import repair_apply

pytestmark = pytest.mark.django_db
REASON = "所涉款项由三个部门分别支付，需逐一调取支付凭证核实。"


@pytest.fixture
def under_verification(world, lodged_objection):
    """An objection received 28 September and accepted on the 29th: the reply is due 23 October."""
    return act(case=lodged_objection, action="accept", acting_user=world["handler"]), world


def test_the_action_is_declared_with_its_form_confirmation_and_notice():
    from casework.models import ObjectionCase, RepairCase

    for model in (ObjectionCase, RepairCase):
        action = action_named(model(), "extend")
        assert (action.label, action.accepts, action.form) == ("延长办理期限", ("days", "reason"), "staff.forms.ExtendForm")
        assert action.confirm and "只能延长一次" in action.consequence
        assert action.letter_kind == "extension_notice"


def test_not_offered_while_the_setting_is_off(under_verification):
    case, w = under_verification
    assert "extend" not in allowed_action_names(case, w["handler"])


def test_offered_to_the_replying_department_only(under_verification, extensions_on):
    case, w = under_verification
    assert "extend" in allowed_action_names(case, w["handler"])
    assert "extend" not in allowed_action_names(case, w["other"])
    assert "extend" not in allowed_action_names(case, w["officer"])


def test_offered_once(under_verification, extensions_on):
    case, w = under_verification
    act(case=case, action="extend", acting_user=w["handler"], payload={"days": 5, "reason": REASON})
    assert "extend" not in allowed_action_names(case, w["handler"])


def test_not_offered_on_the_original_due_date(under_verification, extensions_on, at):
    case, w = under_verification
    at(2026, 10, 22)
    assert "extend" in allowed_action_names(case, w["handler"])
    at(2026, 10, 23)
    assert "extend" not in allowed_action_names(case, w["handler"])


def test_not_offered_while_materials_are_awaited(under_verification, extensions_on):
    case, w = under_verification
    case = act(case=case, action="request-materials", acting_user=w["handler"], payload={"materials": "支付凭证"})
    assert "extend" not in allowed_action_names(case, w["handler"])


def test_a_repair_review_is_offered_to_the_determining_department(world, extensions_on):
    case = repair_apply(record=world["record"], losses_recovered="已全额支付拖欠款项及利息，取得企业书面确认。",
                        commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"), evidence=[pdf_upload()],
                        acting_user=world["officer"], received_at=beijing(2026, 9, 28))
    assert "extend" in allowed_action_names(case, world["handler"])
    assert "extend" not in allowed_action_names(case, world["officer"])
    extension = act(case=case, action="extend", acting_user=world["handler"], payload={"days": 10, "reason": REASON})
    # Review due 16 October; ten working days after it: 19–23 and 26–30 October.
    assert extension.new_due_date == datetime.date(2026, 10, 30)
    assert "extend" not in allowed_action_names(case, world["handler"])
