"""A decision's free text: stripped, required where the step needs it, bounded, never classified."""

import pytest

from casework.errors import DomainError
from casework.limits import SHORT_TEXT_MAX
from casework.services.free_text import optional_text, required_text


def test_optional_text_is_stripped_and_may_be_empty():
    assert optional_text("  已核实。 \n", "reason") == "已核实。"
    assert optional_text("", "reason") == "" and optional_text(None, "reason") == ""


def test_required_text_names_the_field_with_the_message():
    with pytest.raises(DomainError) as refused:
        required_text("   ", "reasons", "请写明处理理由。")
    assert refused.value.message_dict == {"reasons": ["请写明处理理由。"]}


def test_too_long_and_classified_text_are_refused_on_their_field():
    with pytest.raises(DomainError) as too_long:
        optional_text("理" * (SHORT_TEXT_MAX + 1), "reason")
    assert "reason" in too_long.value.message_dict
    with pytest.raises(DomainError) as classified:
        required_text("秘密★1年 内部情况", "answer", "请填写答复意见。")
    assert "answer" in classified.value.message_dict
