"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without
I, O, S, V, Z): registration authority, entity type, 6-digit administrative
division code, 9-character organisation code, then a check character.
"""

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def uscc_check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(value: str) -> str:
    return (value or "").strip().upper()


def validate_uscc(value: str) -> None:
    """Raise ValidationError (message in Chinese) unless `value` is a valid code."""
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(n)d位。", code="uscc_length", params={"n": len(code)}
        )
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符“%(ch)s”（不使用I、O、S、V、Z）。",
            code="uscc_charset",
            params={"ch": bad[0]},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            "统一社会信用代码第3至8位应为行政区划代码（6位数字）。", code="uscc_division"
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误：第18位应为“%(expected)s”，实为“%(actual)s”。",
            code="uscc_check",
            params={"expected": expected, "actual": code[17]},
        )
