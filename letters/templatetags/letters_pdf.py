"""Filters for the letter templates: dates as 2026年10月23日, paragraphs, 一二三."""

import datetime
import re

from django import template

register = template.Library()

_DIGITS = "零一二三四五六七八九"


@register.filter
def cn_date(value) -> str:
    """2026-10-23 (a date or an ISO string) → 2026年10月23日, Arabic numerals as GB/T 9704-2012 wants."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def paragraphs(value) -> list[str]:
    """Split text on line breaks into non-empty paragraphs, dates in 公文 form."""
    return [cn_text(line.strip()) for line in str(value or "").splitlines() if line.strip()]


@register.filter
def cn_ordinal(value) -> str:
    """1 → 一, 12 → 十二 (heading numbers up to 99)."""
    n = int(value)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@register.filter
def cn_text(value) -> str:
    """Every ISO date inside free text (2026-11-18) in 公文 form (2026年11月18日)."""
    return _ISO_DATE.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", str(value or ""))


@register.filter
def you(ctx) -> str:
    """How the letter addresses its subject: 你 to a civil servant, 你单位 to a body."""
    return "你" if (ctx or {}).get("subject_kind") == "civil_servant" else "你单位"
