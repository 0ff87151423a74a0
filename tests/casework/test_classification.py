import pytest
from django.core.exceptions import ValidationError

from casework.classification import Classification, find_classification_marking, validate_not_classified


@pytest.mark.parametrize(
    "text, marking",
    [
        ("机密★5年\n关于某项目的情况", "机密★"),
        ("秘密 ★1年", "秘密 ★"),
        ("绝密\n正文", "绝密"),
        ("逾期未支付中小企业账款。", None),
        ("该事项不涉及国家秘密，可以公开。", None),
    ],
)
def test_find_classification_marking(text, marking):
    assert find_classification_marking(text) == marking


@pytest.mark.parametrize("level", [Classification.SECRET, Classification.CONFIDENTIAL, Classification.TOP_SECRET])
def test_declared_secrecy_level_is_refused(level):
    with pytest.raises(ValidationError) as exc:
        validate_not_classified(classification=level, texts={"facts": "普通文字"})
    assert "不得归集" in exc.value.messages[0]
    assert level.label in exc.value.messages[0]


def test_marking_is_reported_on_its_field():
    with pytest.raises(ValidationError) as exc:
        validate_not_classified(classification=Classification.NONE, texts={"facts": "ok", "legal_basis": "机密★10年"})
    assert set(exc.value.error_dict) == {"legal_basis"}


def test_unclassified_content_passes():
    validate_not_classified(classification=Classification.NONE, texts={"facts": "未按期支付工程款。"})
