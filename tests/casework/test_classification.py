import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.classification import (
    Classification,
    find_classification_marking,
    find_resident_ids,
    is_resident_id,
    mask_resident_id,
    refuse_classified,
    refuse_resident_ids,
    resident_id_check_digit,
    validate_not_classified,
)
from casework.errors import DomainError


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


# --- the marking forms of the State Secrets Law and GB/T 9704 ---

@pytest.mark.parametrize("text, marking", [
    ("机密★10年 某专项资金使用情况", "机密★"),
    ("绝密★长期", "绝密★"),
    ("秘密☆6个月", "秘密☆"),
    ("机密*5年\n正文", "机密*"),
    ("秘密 某事项", "秘密"),  # a bare level followed by a space and text
    ("  机密\n正文", "机密"),
    ("密级：绝密", "绝密"),
    ("本条含国家秘密内容", "国家秘密"),
    ("附件为涉密文件", "涉密"),
])
def test_markings_are_found(text, marking):
    assert find_classification_marking(text) == marking


@pytest.mark.parametrize("text", [
    "秘密投票选举产生。",          # a level glued to an ordinary word
    "应当保护商业秘密。",          # a trade secret is not a state secret
    "商业秘密 和个人隐私",
    "涉及个人隐私的信息不予公示。",
    "保证数据的机密性和完整性。",
    "双方签订了保密协议。",
    "请妥善保管账户密码。",
    "拒绝密切配合调查。",          # 绝密 across a word boundary
    "该事项不涉及国家秘密，可以公开。",
    "本记录属非涉密信息。",
    "不属于国家秘密。",
])
def test_ordinary_words_pass(text):
    assert find_classification_marking(text) is None


def test_a_negation_in_another_clause_does_not_clear_a_named_secret():
    assert find_classification_marking("此事不复杂，但含国家秘密内容") == "国家秘密"


def test_refuse_classified_is_a_domain_error_on_the_field():
    with pytest.raises(DomainError) as exc:
        refuse_classified(texts={"grounds": "正常文字", "correction.facts": "机密★10年 某事"})
    assert set(exc.value.error_dict) == {"correction.facts"}
    assert "机密★" in exc.value.messages[0]
    refuse_classified(texts={"grounds": "正常文字", "determined_on": datetime.date(2026, 1, 1), "note": None})


# --- resident ID numbers (GB 11643) ---

def _valid_id(first17: str = "22010219800101123") -> str:
    return first17 + resident_id_check_digit(first17)


def test_the_check_digit_follows_iso_7064():
    # The standard's own example number.
    assert resident_id_check_digit("11010519491231002") == "X"
    assert is_resident_id("11010519491231002X") and is_resident_id("11010519491231002x")


def test_a_valid_id_in_text_is_found_and_masked():
    number = _valid_id()
    assert number == "220102198001011234"
    assert find_resident_ids(f"法定代表人张三（身份证号{number}）未履行") == [number]
    assert mask_resident_id(number) == f"220102********{number[-4:]}"


@pytest.mark.parametrize("text", [
    "220102********1234",                      # masked: passes
    "220102198001011235",                      # the check digit of 22010219800101123 is 4, not 5
    "合同编号220102209912311234",                # a birth date in the future is no ID
    "220102198013011234",                      # no 13th month
    "12345678901234567890",                   # 20 digits: not an 18-character number
])
def test_wrong_check_digit_impossible_date_and_masked_pass(text):
    # A wrong check digit is taken as an ordinary number (an account or contract number).
    assert find_resident_ids(text) == []


def test_refuse_resident_ids_asks_to_mask():
    number = _valid_id()
    with pytest.raises(DomainError) as exc:
        refuse_resident_ids(texts={"facts": f"责任人身份证号码{number}", "legal_basis": "条例第八条"})
    assert set(exc.value.error_dict) == {"facts"}
    message = exc.value.messages[0]
    assert "身份证号码" in message and "220102********" in message and number not in message
    refuse_resident_ids(texts={"facts": f"责任人身份证号码{mask_resident_id(number)}"})
