import datetime

import pytest

from letters import samples
from letters.kinds import FAMILIES, KINDS, context_validate, kind_spec, title_for
from letters.models import LetterKind

REQUIRED = [(kind, key.name) for kind, spec in KINDS.items() for key in spec.keys if key.required]


def test_every_model_kind_is_in_the_registry_and_back():
    assert set(LetterKind.values) == set(KINDS)
    assert {spec.family for spec in KINDS.values()} <= set(FAMILIES)


def test_the_interface_kind_codes_exist():
    for code in ("acceptance_notice", "non_acceptance_notice", "materials_request", "objection_reply",
                 "correction_feedback", "measure_lifting_notice", "rectification_order",
                 "rectification_acceptance", "repair_decision"):
        assert kind_spec(code).code == code


@pytest.mark.parametrize(("kind", "key"), REQUIRED)
def test_a_missing_required_key_is_a_value_error_naming_it(kind, key):
    context = samples.sample_context(kind)
    context.pop(key, None)
    with pytest.raises(ValueError, match=rf"{kind}.*'{key}'"):
        context_validate(kind=kind, context=context)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_demo_context_of_every_kind_is_valid(kind):
    assert context_validate(kind=kind, context=samples.sample_context(kind))


def test_unknown_kind_is_a_value_error():
    with pytest.raises(ValueError, match="unknown letter kind 'reply'"):
        kind_spec("reply")


def test_dates_are_accepted_as_dates_or_iso_strings_and_stored_as_iso():
    context = samples.sample_context("acceptance_notice")
    context["received_on"] = datetime.date(2026, 9, 28)
    clean = context_validate(kind="acceptance_notice", context=context)
    assert clean["received_on"] == "2026-09-28"
    assert clean["reply_due_on"] == "2026-10-23"


@pytest.mark.parametrize(("kind", "key", "bad", "message"), [
    pytest.param("acceptance_notice", "reply_due_on", "23.10.2026", "'reply_due_on' must be an ISO date",
                 id="a malformed date names the key"),
    pytest.param("objection_reply", "outcome", "maybe", "'outcome' must be one of upheld, partly_upheld, not_upheld",
                 id="outcome must be one of the three"),
    pytest.param("materials_request", "materials", "支付凭证", "'materials' must be a non-empty list",
                 id="materials must be a list not a string"),
    pytest.param("objection_reply", "findings", "   ", "'findings' must not be empty", id="empty text is refused"),
])
def test_a_bad_value_is_refused_naming_its_key(kind, key, bad, message):
    context = {**samples.sample_context(kind), key: bad}
    with pytest.raises(ValueError, match=message):
        context_validate(kind=kind, context=context)


def test_a_row_without_a_column_names_row_and_column():
    context = samples.sample_context("measure_lifting_notice")
    del context["measures"][1]["imposed_by"]
    with pytest.raises(ValueError, match=r"'measures\[1\]' lacks 'imposed_by'"):
        context_validate(kind="measure_lifting_notice", context=context)


def test_keys_a_kind_does_not_know_are_kept():
    context = {**samples.sample_context("repair_decision"), "note": "内部备注"}
    assert context_validate(kind="repair_decision", context=context)["note"] == "内部备注"


def test_rectification_acceptance_takes_a_coded_or_free_result():
    context = samples.sample_context("rectification_acceptance")
    context["result"] = "基本通过，限期补充材料"
    assert context_validate(kind="rectification_acceptance", context=context)["result"] == "基本通过，限期补充材料"


def test_titles_follow_the_kind_and_the_correction_action():
    assert title_for(kind="objection_reply", context={}) == "信用信息异议答复书"
    assert title_for(kind="correction_feedback", context={"action": "revoked"}) == "信用信息撤销反馈书"
    assert title_for(kind="repair_decision", context={"title": "关于某某的信用修复决定"}) == "关于某某的信用修复决定"
