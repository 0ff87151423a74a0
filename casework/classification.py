"""Refusal of classified content (seed 二(十): 涉及国家秘密的信息不得归集), and
of resident ID numbers in text that will be published.

The system never stores what the law forbids collecting, so the check runs in
every service that writes free text into a record, a case or a letter, before
anything is written, and nothing about the refused content is kept.

What counts as a secrecy marking (保守国家秘密法 第十九条/第二十条, GB/T 9704-2012
7.2.3 "密级★保密期限"), and why ordinary words pass:

1. 绝密, 机密 or 秘密 followed by ★ (also ☆, *, ＊), with or without a period:
   "机密★10年", "秘密 ★1年", "绝密★长期". Refused wherever it stands.
2. A bare 绝密/机密/秘密 standing as a word of its own: not preceded by a Chinese
   character and not followed by one ("绝密" on its own line, "秘密 某事项",
   "密级：机密"). Chinese has no spaces between words, so a level glued to the
   characters around it is part of an ordinary word and passes: 商业秘密 (a trade
   secret is not a state secret), 秘密投票, "保证数据的机密性", 拒绝密切往来.
   "秘密 投票" with a space is refused: a level followed by a space is how a
   marking is typed, and such a text is better rewritten than guessed at.
3. "国家秘密" or "涉密" anywhere, unless the same clause negates it before it
   (不/未/无/非/没有/否 since the last punctuation mark): "本条含国家秘密内容" and
   "涉密人员名单" are refused; "该事项不涉及国家秘密", "非涉密" pass.
4. 保密协议, 密码, 个人隐私 contain no level word and pass.

A resident ID number (GB 11643-1999: 17 digits and a check digit 0-9 or X, a
plausible birth date at positions 7-14) must not be published in a record's
facts or legal basis. Only numbers whose check digit is right count: an
18-digit number with a wrong check digit is taken as an ordinary number
(an account or contract number), since flagging it would only train handlers to
ignore the warning. A masked number ("220102********1234") passes.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models

from calendars import clock
from casework.errors import DomainError


class Classification(models.TextChoices):
    """Secrecy level declared by whoever enters a record (保密法 三级密级)."""

    NONE = "none", "非涉密"
    SECRET = "secret", "秘密"
    CONFIDENTIAL = "confidential", "机密"
    TOP_SECRET = "top_secret", "绝密"


_LEVEL = r"(?:绝密|机密|秘密)"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Rule 1: level + star; rule 2: a level standing as a word of its own.
_MARKING = re.compile(
    rf"{_LEVEL}\s*[★☆*＊]|(?<![{_HAN}]){_LEVEL}(?![{_HAN}\w])",
)
# Rule 3: named state secrets, unless negated earlier in the same clause.
_NAMED = re.compile(r"国家秘密|涉密")
_NEGATION = re.compile(r"不|未|无|非|没有|否")
_CLAUSE_END = re.compile(r"[。！？；;!?，,、：:\n]")


def find_classification_marking(text: str) -> str | None:
    """Return the first secrecy marking in `text` (rules in the module docstring), else None."""
    text = text or ""
    found = []
    match = _MARKING.search(text)
    if match:
        found.append((match.start(), match.group(0).strip()))
    for named in _NAMED.finditer(text):
        before = text[max(0, named.start() - 20):named.start()]
        clause = _CLAUSE_END.split(before)[-1]
        if not _NEGATION.search(clause):
            found.append((named.start(), named.group(0)))
            break
    return min(found)[1] if found else None


def validate_not_classified(*, classification: str, texts: dict[str, str]) -> None:
    """Raise ValidationError if the content is declared or marked classified.

    `texts` maps a field name to its text, so the error points at the field;
    values that are not text (dates, numbers) are skipped.
    """
    if classification and classification != Classification.NONE:
        label = Classification(classification).label
        raise ValidationError(
            "该信息标注为涉密（%(level)s），依法不得归集到政务失信记录，系统未保存任何内容。",
            code="classified",
            params={"level": label},
        )
    errors = {}
    for field, text in texts.items():
        marking = find_classification_marking(text) if isinstance(text, str) else None
        if marking:
            errors[field] = ValidationError(
                "内容含有密级标志“%(marking)s”，涉密信息依法不得归集，系统未保存任何内容。",
                code="classified_marking",
                params={"marking": marking},
            )
    if errors:
        raise ValidationError(errors)


def refuse_classified(*, texts: dict[str, str], classification: str = Classification.NONE) -> None:
    """Raise DomainError, naming the field, if any text is classified; call before writing."""
    try:
        validate_not_classified(classification=classification, texts=texts)
    except ValidationError as exc:
        raise DomainError(exc.error_dict if hasattr(exc, "error_dict") else exc.error_list) from None


# --- resident ID numbers (GB 11643-1999) ---

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_check_digit(first17: str) -> str:
    """The check digit (ISO 7064 MOD 11-2) of the first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_resident_id(number: str) -> bool:
    """True for an 18-character resident ID number with a right check digit and birth date."""
    if not re.fullmatch(r"[1-9]\d{16}[0-9Xx]", number or ""):
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= clock.today():
        return False
    return resident_id_check_digit(number[:17]) == number[17].upper()


def mask_resident_id(number: str) -> str:
    """The form a published text may show: region code, eight stars, the last four."""
    return f"{number[:6]}********{number[-4:]}"


def find_resident_ids(text: str) -> list[str]:
    """Every valid resident ID number written out in full in `text`."""
    return [m.group(0) for m in _ID_CANDIDATE.finditer(text or "") if is_resident_id(m.group(0))]


def refuse_resident_ids(*, texts: dict[str, str]) -> None:
    """Raise DomainError, naming the field, if a text to be published holds a full ID number."""
    errors = {}
    for field, text in texts.items():
        found = find_resident_ids(text) if isinstance(text, str) else []
        if found:
            errors[field] = (
                f"内容含有居民身份证号码（{mask_resident_id(found[0])}），公示内容不得包含完整的身份证号码，"
                f"请删除或遮蔽后再提交（例如写作 {mask_resident_id(found[0])}）。"
            )
    if errors:
        raise DomainError(errors)
