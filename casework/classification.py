"""Refusal of classified content (seed 二(十): 涉及国家秘密的信息不得归集).

The system never stores what the law forbids collecting, so the check runs
before anything is written, and nothing about the refused content is kept.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models


class Classification(models.TextChoices):
    """Secrecy level declared by whoever enters a record (保密法 三级密级)."""

    NONE = "none", "非涉密"
    SECRET = "secret", "秘密"
    CONFIDENTIAL = "confidential", "机密"
    TOP_SECRET = "top_secret", "绝密"


# GB/T 9704-2012 marks a classified document as "密级★保密期限", e.g. 机密★5年;
# a bare "绝密" or "机密" at the start of a line is a marking too.
_MARKING = re.compile(r"(绝密|机密|秘密)\s*[★☆*]|^\s*(绝密|机密)\s*$", re.MULTILINE)


def find_classification_marking(text: str) -> str | None:
    match = _MARKING.search(text or "")
    return match.group(0).strip() if match else None


def validate_not_classified(*, classification: str, texts: dict[str, str]) -> None:
    """Raise ValidationError if the content is declared or marked classified.

    `texts` maps a field name to its text, so the error points at the field.
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
        marking = find_classification_marking(text)
        if marking:
            errors[field] = ValidationError(
                "内容含有密级标志“%(marking)s”，涉密信息依法不得归集，系统未保存任何内容。",
                code="classified_marking",
                params={"marking": marking},
            )
    if errors:
        raise ValidationError(errors)
