"""The staff's action forms: an outcome is chosen by the handler, never pre-set."""

import re

import pytest

from staff.forms import DecideForm, RejectForm
from tests.factories import beijing, pdf_upload


def _chosen_outcomes(html: str) -> list[str]:
    """Values of the selected options other than the empty "请选择"."""
    return [v for v in re.findall(r'<option value="([^"]*)"[^>]* selected', html) if v]


@pytest.mark.parametrize("form_class, field", [(DecideForm, "outcome"), (RejectForm, "reason")])
def test_unbound_outcome_starts_on_an_empty_choose_option_with_nothing_selected(form_class, field):
    html = str(form_class()[field])
    first = re.search(r"<option[^>]*>[^<]*</option>", html).group(0)
    assert re.fullmatch(r'<option value=""( selected)?>请选择</option>', first)
    assert not _chosen_outcomes(html) and "checked" not in html
    assert form_class.base_fields[field].required


@pytest.mark.parametrize("form_class, field, data", [
    (DecideForm, "outcome", {"outcome": "", "reasons": "已核查"}),
    (RejectForm, "reason", {"reason": ""}),
])
def test_submitting_without_a_choice_is_a_field_error(form_class, field, data):
    form = form_class(data=data)
    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.django_db
def test_case_page_offers_decide_and_reject_with_no_outcome_selected(client, lodged):
    handler, case = lodged
    client.force_login(handler)
    url = f"/staff/work/objections/{case.number}/"
    reject = client.get(url).content.decode()
    reason_select = re.search(r'<select name="reason".*?</select>', reject, re.S).group(0)
    assert not _chosen_outcomes(reason_select)
    client.post(url, {"action": "accept"})
    page = client.get(url).content.decode()
    outcome_select = re.search(r'<select name="outcome".*?</select>', page, re.S).group(0)
    assert not _chosen_outcomes(outcome_select) and "请选择" in outcome_select
    response = client.post(url, {"action": "decide", "outcome": "", "reasons": "已核查"})
    assert response.status_code == 200
    assert re.search(r'id="action-decide".*?cw-errors">该字段是必填项', response.content.decode(), re.S)


@pytest.mark.django_db
def test_each_measures_repair_decision_starts_on_an_empty_choose_option(two_department_record, at):
    """A repair decision per measure (解除 / 减轻 / 不予解除) is the handler's, like the outcome:
    no measure starts on 不予解除 (it did: a handler skimming the form kept every punishment)."""
    from staff.forms import RepairDecideForm
    from workflows.repair_actions import repair_apply

    world = two_department_record
    case = repair_apply(record=world["record"], losses_recovered="已全额支付拖欠款项及利息。",
                        commitment_signed=True, commitment_file=pdf_upload("承诺书.pdf"),
                        acting_user=world["officer"], received_at=beijing(2026, 9, 28))
    form = RepairDecideForm(case=case)
    fields = [name for name in form.fields if name.startswith("decision_")]
    assert len(fields) == 2
    for name in fields:
        assert not _chosen_outcomes(str(form[name])) and form.fields[name].required
    data = {"approved": "1", "reasons": "已挽回损失。", **{name: "" for name in fields}}
    bound = RepairDecideForm(data=data, case=case)
    assert not bound.is_valid() and set(bound.errors) == set(fields)
