import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from casework.uscc import ALPHABET, uscc_check_character, validate_uscc

# The sample code printed in GB 32100-2015 commentaries and registry guides.
PUBLISHED_SAMPLE = "91350100M000100Y43"


def test_published_sample_is_valid():
    validate_uscc(PUBLISHED_SAMPLE)


def test_lower_case_and_surrounding_spaces_are_accepted():
    validate_uscc(f"  {PUBLISHED_SAMPLE.lower()} ")


def test_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as exc:
        validate_uscc(PUBLISHED_SAMPLE[:17] + "4")
    message = exc.value.messages[0]
    assert "校验位错误" in message
    assert "应为“3”" in message and "实为“4”" in message


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("91350100M000100Y4", "应为18位，当前为17位"),
        ("91350100M000100Y433", "当前为19位"),
        ("91350100M0001O0Y43", "不允许的字符“O”"),
        ("91350100I000100Y43", "不允许的字符“I”"),
        ("913501A0M000100Y43", "行政区划代码"),
        ("", "当前为0位"),
    ],
)
def test_malformed_codes_are_refused_with_a_reason(code, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(code)
    assert fragment in exc.value.messages[0]


body_strategy = st.tuples(
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
).map("".join)


@given(body=body_strategy)
def test_every_body_with_its_computed_check_character_is_valid(body):
    validate_uscc(body + uscc_check_character(body))


@given(body=body_strategy, wrong=st.sampled_from(ALPHABET))
def test_any_other_check_character_is_refused(body, wrong):
    if wrong == uscc_check_character(body):
        return
    with pytest.raises(ValidationError):
        validate_uscc(body + wrong)
