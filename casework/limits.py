"""Legal time limits and upload limits, read from settings.CASEWORK_LIMITS.

The values are settings (defaults from the seed: 15 working days to reply,
5 to report, …), never literals in the services.
"""

from django.conf import settings

from casework.errors import DomainError

DEFAULTS = {
    "objection_reply_working_days": 15,
    "materials_working_days": 10,
    "provincial_report_working_days": 5,
    "measure_lifting_working_days": 5,
    "evidence_max_bytes": 10 * 1024 * 1024,
    "evidence_max_files": 10,
    # Credit repair, handling limits of 国办发〔2025〕22号 (its part 明确信用修复办理期限;
    # part number not read), in working days counted from the day after receipt: the
    # decision whether to accept (3) and the result (10; paused while materials are
    # awaited). The article of Order No. 36 that repeats them is not confirmed
    # (docs/rules.md). Then the minimum publication period per severity before a record
    # may be repaired, in months from its publication (22号 第二部分).
    "repair_acceptance_working_days": 3,
    "repair_review_working_days": 10,
    "repair_min_publication_months_minor": 0,
    "repair_min_publication_months_general": 3,
    "repair_min_publication_months_serious": 12,
    # The maximum publication period per severity, in months: past it the record is no longer shown.
    "publication_max_months_minor": 3,
    "publication_max_months_general": 12,
    "publication_max_months_serious": 36,
    # Rectification: the time limit a supervisor office sets when it gives none.
    "rectification_default_working_days": 20,
    # The written explanation (书面说明) a rectification order asks for: the plan (二（九）) names it but
    # gives no time limit, so 10 working days is the office's default, never later than the fix itself.
    "rectification_explanation_working_days": 10,
    # Complaints: seed 二(七) names the duty (受理投诉和举报) but gives no time limit, so these
    # are defaults to be set by the office: accept or not within 5 working days, a department
    # it transfers to reports within 15 (as an objection's reply); the same body and text
    # within 30 days is a duplicate.
    "complaint_acceptance_working_days": 5,
    "complaint_transfer_working_days": 15,
    "complaint_duplicate_window_days": 30,
    # Appeals against a repair decision (信用修复申诉): 国办发〔2025〕22号 opens 异议申诉, but no
    # text found here gives the lodging or answering limits (docs/rules.md). The subject may
    # appeal within 60 days of the decision letter, the window that letter already states for
    # 复核 (letters/pdf/_remedy.html); the office decides within 10 working days of receipt, as
    # a repair application is decided.
    "repair_appeal_lodging_days": 60,
    "repair_appeal_decision_working_days": 10,
}


def limit(name: str) -> int:
    return getattr(settings, "CASEWORK_LIMITS", {}).get(name, DEFAULTS[name])


# --- text limits -------------------------------------------------------------
# The longest text a user may type into each kind of field, in characters.
# One place: the model fields (TextField(max_length=…), which forms and
# ModelSerializers pick up), the explicit form and serializer fields and the
# services' own check (text_check) all read these names.
#
# Why these numbers: a GB/T 9704 page holds 22 lines of 28 characters, about
# 600 characters. Whatever is typed here is printed into a letter (受理通知书,
# 答复书, 整改通知书 …) or shown on a case page; the real document, if longer,
# is attached as evidence. So:
# - a short reason or note (撤回理由, 不予受理说明, 补正说明): a paragraph,
#   500 characters (under a page);
# - grounds, findings, reasons, facts, an explanation, an opinion: 5,000
#   characters, about 8 pages of a letter — far above any real 异议理由 or
#   结论理由 seen in the seed (a few hundred), far below the 100,000 that made
#   a 48,000-pixel page;
# - a rectification submission (方案, 完成报告 in the text box): 10,000, the
#   one text a government may paste a whole short report into;
# - a list of materials or requirements, one item per line: 2,000 (a page of
#   items; a longer list is a separate document);
# - a legal basis cited for an order: 1,000 (a few articles by name).
SHORT_TEXT_MAX = 500
# One-line fields (CharField columns): a person's name, a post, a platform receipt number.
PERSON_NAME_MAX = 64
POSITION_MAX = 128
RECEIPT_MAX = 64
LONG_TEXT_MAX = 5000
SUBMISSION_TEXT_MAX = 10000
LIST_TEXT_MAX = 2000
BASIS_TEXT_MAX = 1000

# The largest id or count an API body, form or query may name: 2**31-1, so a
# huge number is refused with a message before it reaches SQLite (whose
# integers stop at 2**63-1 and raise OverflowError beyond).
ID_MAX = 2**31 - 1

# The message for a text over its limit: the same words from forms (via
# error_messages["max_length"]), the API and the services.
TEXT_TOO_LONG = "不能超过%(limit_value)d个字符（当前%(show_value)d个）。"


def text_too_long(limit_value: int, length: int) -> str:
    return TEXT_TOO_LONG % {"limit_value": limit_value, "show_value": length}


def text_check(**texts: tuple) -> None:
    """Refuse any text longer than its limit: `text_check(grounds=(grounds, LONG_TEXT_MAX))`.

    The services call it first, whatever the entry point (form, API, a
    management command), so an over-long text never reaches a letter.
    """
    errors = {}
    for name, (value, max_length) in texts.items():
        if isinstance(value, str) and len(value) > max_length:
            errors[name] = text_too_long(max_length, len(value))
    if errors:
        raise DomainError(errors)

# For a form or serializer field: `error_messages=TEXT_ERRORS`, so it words the limit as above.
TEXT_ERRORS = {"max_length": TEXT_TOO_LONG}
