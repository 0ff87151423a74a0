"""The registry of letter kinds: title, numbering family, template, context keys.

Callers pass a plain, JSON-able `context` dict; `context_validate()` checks it
against the kind's keys before anything is numbered or stored. A missing or
malformed key is a programming error of the caller and raises ValueError
naming the kind and the key. Keys a kind does not know are kept and ignored.
Dates may be given as `datetime.date` or ISO strings ("2026-10-23"); they are
stored as ISO strings and printed as 2026年10月23日.

Keys per kind (required unless marked "optional"):

Objection kinds share the *objection keys*:
    case_number      str   异议案件编号
    subject_name     str   the subject that objected
    record_number    str   the disputed credit record's number
    record_summary   str   what the record says, in one sentence
    received_on      date  day the objection was received
    grounds          text  the subject's grounds
    records          optional list of {"number", "summary"}: several disputed
                     records, printed as a table when more than one
    title            optional str, replaces the kind's standard title (every kind)

acceptance_notice (受理通知书)
    objection keys, reply_due_on (date the written reply is due)
non_acceptance_notice (不予受理通知书)
    objection keys, reasons (text); optional reply_due_on
materials_request (补正材料通知书)
    objection keys, reply_due_on, materials (list of str), materials_due_on (date)
objection_reply (异议答复书)
    objection keys, outcome ("upheld" | "partly_upheld" | "not_upheld"),
    findings (text), reasons (text); optional reply_due_on,
    correction ({"before": str, "after": str}), revoked (bool)
correction_feedback (信用信息更正/撤销反馈书)
    record_number, action ("corrected" | "revoked"), before (text), after (text),
    report_due_on (date: the report to the provincial platform);
    optional case_number, subject_name, record_summary, received_on
measure_lifting_notice (解除失信惩戒措施通知书)
    measures (list of {"kind", "imposed_by", "imposed_on", "lifted_on"}, a table);
    optional case_number, subject_name, record_number, record_summary, reasons
rectification_order (整改通知书)
    records (list of {"number", "summary"}), requirements (list of str),
    deadline_on (date); optional case_number, subject_name, basis (text)
rectification_acceptance (整改验收意见书)
    result ("passed" | "failed", or any text printed as is), opinion (text);
    optional case_number, subject_name, order_number (the order's document
    number), records, deadline_on
repair_decision (信用修复决定书)
    decisions (list of {"measure", "decision", "reasons"}, a table; decision
    "reduce" | "waive" | "reject" or any text printed as is);
    optional case_number, subject_name, record_number, record_summary,
    received_on, findings (text)
repair_notice (信用修复告知书), served with every dishonesty determination (两书同达)
    record_number, record_summary, determined_on (date), severity (str, the
    class: 轻微 / 一般 / 严重), min_months, max_months (int as text: the
    publication periods), eligible_on (date: the earliest repair application),
    materials (list of str: what the application contains), apply_at (str:
    where to apply, the portal's address), acceptance_working_days,
    review_working_days; optional subject_name, published_on (date),
    ends_on (date: publication stops at the latest)
receipt (受理回执), given to the subject when a case is lodged or ordered
    case_number, case_kind (str, e.g. "异议申请"), subject_name, received_on
    (date received or ordered), due_on (date), due_basis (text: how the due
    date was counted), lookup_url (str: the public lookup page for this case,
    printed and as a QR code); optional record_number, due_label (str, what is
    due: "书面答复" by default)
complaint_transfer (政务失信投诉转办函), to the competent department; never names the complainant
    case_number, subject_name (the body complained about), received_on (date),
    occurred_on (date), facts (text), requirements (text), deadline_on (date)
complaint_answer (政务失信投诉答复书), to 投诉人 (addressed so, never by name)
    case_number, subject_name, received_on (date), accepted (bool: False for
    不予受理, whose reasons are the answer), answer (text); optional findings (text)
appeal_decision (信用修复申诉处理决定书), to the subject, copied to the deciding department
    case_number, subject_name, received_on (date), repair_number, record_number,
    repair_decided_on (date), deciding_department, grounds (text), accepted (bool:
    False for 不予受理, whose reasons are `reasons`), reasons (text); optional
    outcome (upheld | partly | dismissed, when accepted), repair_letter_number

extension_notice (延长办理期限通知书; an objection's is titled 延期答复通知书), to the subject
    case_number, subject_name, case_kind (str, e.g. "信用信息异议申请"), received_on
    (date), original_due_on (date), new_due_on (date), working_days (the days added),
    reason (text), basis (text: the provision allowing the extension), limit_basis
    (text: where the original limit comes from), duty (str: what is due, e.g.
    "作出书面答复"), limit_name (str: the limit extended, e.g. "异议答复期限");
    optional record_number, new_due_provisional (bool)
supervision_quarterly_report (政务诚信建设季度调度通报) and
supervision_inspection_report (政务失信专项督查情况通报)
    period (str, e.g. "2026年第三季度"), summary (text), rows (list of
    {"unit", "received", "closed", "overdue"}, a table); optional findings
    (list of str), requirements (list of str)
oversight_notice (督办函), from a joint-conference office to the department that must meet a
deadline of a case: 函, not 通知, because the office is not the department's superior
(党政机关公文处理工作条例 第八条: 函 between organs without a line of authority)
    case_number, case_kind (str, e.g. "异议申请"), subject_name, deadline_kind (str,
    e.g. "书面答复"), due_on (date: the legal due date), as_of (date: the day of the
    notice), standing ("overdue" | "at_risk"), working_days (int: working days overdue,
    or left), reasons (text: the supervisor's), feedback_due_on (date),
    feedback_working_days (int); optional start_on (date the limit counts from),
    limit_working_days (int), escalation_office (str: the office a level up, named in
    the warning), contact_person, contact_phone

Decision letters and notices also take the *party keys* (all optional; the
casework services always give them, from the case's subject and department):
    subject_kind     "government" | "department" | "public_institution" |
                     "civil_servant": which remedies the letter states
    remedy_office    str   the joint-conference office (联席会议办公室) to turn to
    review_government str  the people's government that hears 行政复议
    contact_person, contact_phone  str  printed as the letter's 附注
and, per kind: objection_reply report_due_on (date), measures (list of
{"kind", "imposed_by"}); repair_decision approved (bool), report_due_on (date);
rectification_order explanation_due_on (date: the written explanation),
impact (text: losses and social impact).

"text" values may span several paragraphs separated by newlines.
Dates inside text values are printed in 公文 form too (2026年10月23日).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

TEXT = "text"
DATE = "date"
STR_LIST = "str_list"
ROWS = "rows"
CHOICE = "choice"
BOOL = "bool"
DICT = "dict"


@dataclass(frozen=True)
class Key:
    name: str
    type: str = TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    # ROWS: the keys each row must have; DICT: the keys the dict must have.
    columns: tuple[str, ...] = ()
    # CHOICE: accept any other non-empty text as well (printed as is).
    free_text: bool = False


@dataclass(frozen=True)
class Family:
    """A numbering family: its own sequence per issuer and year, and its
    designator after the issuer's prefix (长财信 + 异复 → 长财信异复〔2026〕1号)."""

    code: str
    designator: str


FAMILIES = {
    f.code: f
    for f in (
        Family("objection_notice", "异"),
        Family("objection_reply", "异复"),
        Family("correction", "更"),
        Family("rectification", "改"),
        Family("repair", "修"),
        Family("supervision", "督"),
        Family("receipt", "收"),
        Family("complaint", "诉"),
        # 督办函 have their own sequence per office, apart from the reports' 督.
        Family("oversight", "督办"),
        Family("appeal", "申"),
        # Extensions of a time limit, whatever the case kind: 长财信延〔2026〕1号.
        Family("extension", "延"),
    )
}


@dataclass(frozen=True)
class KindSpec:
    code: str
    title: str
    family: str
    keys: tuple[Key, ...] = field(default_factory=tuple)
    closing: str = ""

    @property
    def template(self) -> str:
        return f"letters/pdf/kinds/{self.code}.html"

    @property
    def designator(self) -> str:
        return FAMILIES[self.family].designator


RECORD_ROW = ("number", "summary")
_TITLE = Key("title", required=False)
_RECORDS_OPT = Key("records", ROWS, required=False, columns=RECORD_ROW)
# Both supervision reports (季度调度通报, 专项督查通报) are built from the same figures
# (supervision/services/reports.py); only their opening paragraph differs.
SUPERVISION_REPORT_KEYS = (
    Key("period"),
    Key("summary"),
    Key("rows", ROWS, columns=("unit", "received", "closed", "overdue")),
    Key("findings", STR_LIST, required=False),
    Key("requirements", STR_LIST, required=False),
    _TITLE,
)
OBJECTION_KEYS = (
    Key("case_number"),
    Key("subject_name"),
    Key("record_number"),
    Key("record_summary"),
    Key("received_on", DATE),
    Key("grounds"),
    _RECORDS_OPT,
    _TITLE,
)


def _opt(*names: str, type: str = TEXT) -> tuple[Key, ...]:
    return tuple(Key(n, type, required=False) for n in names)


SUBJECT_KINDS = ("government", "department", "public_institution", "civil_servant")
PARTY_KEYS = (
    Key("subject_kind", CHOICE, required=False, choices=SUBJECT_KINDS),
    *_opt("remedy_office", "review_government", "contact_person", "contact_phone"),
)


KINDS: dict[str, KindSpec] = {
    k.code: k
    for k in (
        KindSpec(
            "acceptance_notice",
            "异议申请受理通知书",
            "objection_notice",
            OBJECTION_KEYS + PARTY_KEYS + (Key("reply_due_on", DATE),),
            closing="特此通知。",
        ),
        KindSpec(
            "non_acceptance_notice",
            "异议申请不予受理通知书",
            "objection_notice",
            OBJECTION_KEYS + PARTY_KEYS + (Key("reasons"), Key("reply_due_on", DATE, required=False)),
            closing="特此通知。",
        ),
        KindSpec(
            "materials_request",
            "补正材料通知书",
            "objection_notice",
            OBJECTION_KEYS + PARTY_KEYS
            + (Key("reply_due_on", DATE), Key("materials", STR_LIST), Key("materials_due_on", DATE)),
            closing="特此通知。",
        ),
        KindSpec(
            "objection_reply",
            "信用信息异议答复书",
            "objection_reply",
            OBJECTION_KEYS
            + (
                Key("outcome", CHOICE, choices=("upheld", "partly_upheld", "not_upheld")),
                Key("findings"),
                Key("reasons"),
                Key("reply_due_on", DATE, required=False),
                Key("correction", DICT, required=False, columns=("before", "after")),
                Key("revoked", BOOL, required=False),
                Key("report_due_on", DATE, required=False),
                Key("measures", ROWS, required=False, columns=("kind", "imposed_by")),
            )
            + PARTY_KEYS,
            closing="特此答复。",
        ),
        KindSpec(
            "correction_feedback",
            "信用信息更正（撤销）反馈书",
            "correction",
            (
                Key("record_number"),
                Key("action", CHOICE, choices=("corrected", "revoked")),
                Key("before"),
                Key("after"),
                Key("report_due_on", DATE),
                *_opt("case_number", "subject_name", "record_summary"),
                Key("received_on", DATE, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此反馈。",
        ),
        KindSpec(
            "measure_lifting_notice",
            "解除失信惩戒措施通知书",
            "correction",
            (
                Key("measures", ROWS, columns=("kind", "imposed_by", "imposed_on", "lifted_on")),
                *_opt("case_number", "subject_name", "record_number", "record_summary", "reasons"),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此通知。",
        ),
        KindSpec(
            "rectification_order",
            "政务失信行为整改通知书",
            "rectification",
            (
                Key("records", ROWS, columns=RECORD_ROW),
                Key("requirements", STR_LIST),
                Key("deadline_on", DATE),
                *_opt("case_number", "subject_name", "basis", "impact"),
                Key("explanation_due_on", DATE, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此通知。",
        ),
        KindSpec(
            "rectification_acceptance",
            "整改验收意见书",
            "rectification",
            (
                Key("result", CHOICE, choices=("passed", "failed"), free_text=True),
                Key("opinion"),
                *_opt("case_number", "subject_name", "order_number"),
                _RECORDS_OPT,
                Key("deadline_on", DATE, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
        ),
        KindSpec(
            "repair_decision",
            "信用修复决定书",
            "repair",
            (
                Key("decisions", ROWS, columns=("measure", "decision", "reasons")),
                *_opt("case_number", "subject_name", "record_number", "record_summary", "findings"),
                Key("received_on", DATE, required=False),
                Key("approved", BOOL, required=False),
                Key("report_due_on", DATE, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此决定。",
        ),
        KindSpec(
            "repair_notice",
            "信用修复告知书",
            "repair",
            (
                Key("record_number"),
                Key("record_summary"),
                Key("determined_on", DATE),
                Key("severity"),
                Key("min_months"),
                Key("max_months"),
                Key("eligible_on", DATE),
                Key("materials", STR_LIST),
                Key("apply_at"),
                Key("acceptance_working_days"),
                Key("review_working_days"),
                *_opt("subject_name"),
                Key("published_on", DATE, required=False),
                Key("ends_on", DATE, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此告知。",
        ),
        KindSpec(
            "receipt",
            "受理回执",
            "receipt",
            (
                Key("case_number"),
                Key("case_kind"),
                Key("subject_name"),
                Key("received_on", DATE),
                Key("due_on", DATE),
                Key("due_basis"),
                Key("lookup_url"),
                *_opt("record_number", "due_label"),
                _TITLE,
            ),
        ),
        KindSpec(
            "complaint_transfer",
            "政务失信投诉转办函",
            "complaint",
            (
                Key("case_number"),
                Key("subject_name"),
                Key("received_on", DATE),
                Key("occurred_on", DATE),
                Key("facts"),
                Key("requirements"),
                Key("deadline_on", DATE),
                _TITLE,
            ),
            closing="特此函告。",
        ),
        KindSpec(
            "complaint_answer",
            "政务失信投诉答复书",
            "complaint",
            (
                Key("case_number"),
                Key("subject_name"),
                Key("received_on", DATE),
                Key("accepted", BOOL),
                Key("answer"),
                Key("findings", required=False),
                _TITLE,
            ),
            closing="特此答复。",
        ),
        KindSpec(
            "appeal_decision",
            "信用修复申诉处理决定书",
            "appeal",
            (
                Key("case_number"),
                Key("subject_name"),
                Key("received_on", DATE),
                Key("repair_number"),
                Key("record_number"),
                Key("repair_decided_on", DATE),
                Key("deciding_department"),
                Key("grounds"),
                Key("accepted", BOOL),
                Key("reasons"),
                Key("outcome", CHOICE, required=False, choices=("upheld", "partly", "dismissed")),
                Key("repair_letter_number", required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此决定。",
        ),
        KindSpec(
            "extension_notice",
            "延长办理期限通知书",
            "extension",
            (
                Key("case_number"),
                Key("subject_name"),
                Key("case_kind"),
                Key("received_on", DATE),
                Key("original_due_on", DATE),
                Key("new_due_on", DATE),
                Key("working_days"),
                Key("reason"),
                Key("basis"),
                Key("limit_basis"),
                Key("duty"),
                Key("limit_name"),
                Key("record_number", required=False),
                Key("new_due_provisional", BOOL, required=False),
                _TITLE,
                *PARTY_KEYS,
            ),
            closing="特此通知。",
        ),
        KindSpec(
            "supervision_quarterly_report",
            "政务诚信建设季度调度通报",
            "supervision",
            SUPERVISION_REPORT_KEYS,
            closing="特此通报。",
        ),
        KindSpec(
            "supervision_inspection_report",
            "政务失信专项督查情况通报",
            "supervision",
            SUPERVISION_REPORT_KEYS,
            closing="特此通报。",
        ),
        KindSpec(
            "oversight_notice",
            "政务诚信督办函",
            "oversight",
            (
                Key("case_number"),
                Key("case_kind"),
                Key("subject_name"),
                Key("deadline_kind"),
                Key("due_on", DATE),
                Key("as_of", DATE),
                Key("standing", CHOICE, choices=("overdue", "at_risk")),
                Key("working_days"),
                Key("reasons"),
                Key("feedback_due_on", DATE),
                Key("feedback_working_days"),
                Key("start_on", DATE, required=False),
                *_opt("limit_working_days", "escalation_office", "contact_person", "contact_phone"),
                _TITLE,
            ),
            closing="特此函告。",
        ),
    )
}

# Printed words for coded values.
OUTCOME_WORDS = {"upheld": "异议成立", "partly_upheld": "异议部分成立", "not_upheld": "异议不成立"}
ACTION_WORDS = {"corrected": "更正", "revoked": "撤销"}
RESULT_WORDS = {"passed": "验收通过", "failed": "验收不通过"}
DECISION_WORDS = {"reduce": "减轻惩戒", "waive": "免除惩戒", "reject": "不予修复"}


def kind_spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown letter kind {kind!r}; known kinds: {', '.join(KINDS)}") from None


def _fail(kind: str, key: str, problem: str):
    raise ValueError(f"letter kind {kind!r}: context key {key!r} {problem}")


def _date(kind: str, key: str, value: Any) -> str:
    if isinstance(value, datetime.datetime):
        _fail(kind, key, "must be a date, not a datetime")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    _fail(kind, key, f"must be an ISO date (YYYY-MM-DD), got {value!r}")


def _text(kind: str, key: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        _fail(kind, key, f"must be text, got {type(value).__name__}")
    text = str(value)
    if not text.strip():
        _fail(kind, key, "must not be empty")
    return text


def _check(kind: str, key: Key, value: Any) -> Any:
    if key.type == TEXT:
        return _text(kind, key.name, value)
    if key.type == DATE:
        return _date(kind, key.name, value)
    if key.type == BOOL:
        if not isinstance(value, bool):
            _fail(kind, key.name, f"must be true or false, got {value!r}")
        return value
    if key.type == CHOICE:
        if value in key.choices:
            return value
        if key.free_text and isinstance(value, str) and value.strip():
            return value
        _fail(kind, key.name, f"must be one of {', '.join(key.choices)}, got {value!r}")
    if key.type == STR_LIST:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
            _fail(kind, key.name, "must be a non-empty list of strings")
        return [_text(kind, f"{key.name}[{i}]", item) for i, item in enumerate(value)]
    if key.type in (ROWS, DICT):
        rows = [value] if key.type == DICT else value
        if key.type == ROWS and (not isinstance(value, (list, tuple)) or not value):
            _fail(kind, key.name, "must be a non-empty list of dicts")
        out = []
        for i, row in enumerate(rows):
            where = key.name if key.type == DICT else f"{key.name}[{i}]"
            if not isinstance(row, dict):
                _fail(kind, where, "must be a dict")
            missing = [c for c in key.columns if c not in row]
            if missing:
                _fail(kind, where, f"lacks {', '.join(repr(m) for m in missing)}")
            clean = dict(row)
            for c in key.columns:
                v = row[c]
                if c.endswith("_on") and v not in (None, ""):
                    clean[c] = _date(kind, f"{where}.{c}", v)
                elif v is None:
                    clean[c] = ""
                else:
                    clean[c] = str(v) if not isinstance(v, str) else v
            out.append(clean)
        return out[0] if key.type == DICT else out
    raise AssertionError(key.type)  # pragma: no cover


def context_validate(*, kind: str, context: dict) -> dict:
    """Return a normalised copy of `context` for `kind`, or raise ValueError naming the key."""
    spec = kind_spec(kind)
    if not isinstance(context, dict):
        raise ValueError(f"letter kind {kind!r}: context must be a dict, got {type(context).__name__}")
    clean = dict(context)
    for key in spec.keys:
        value = context.get(key.name)
        if key.name not in context or value is None:
            if key.required:
                _fail(kind, key.name, "is required")
            clean.pop(key.name, None)
            continue
        clean[key.name] = _check(kind, key, value)
    return clean


def title_for(*, kind: str, context: dict) -> str:
    spec = kind_spec(kind)
    if context.get("title"):
        return str(context["title"])
    if kind == "correction_feedback":
        return f"信用信息{ACTION_WORDS.get(context.get('action'), '更正')}反馈书"
    return spec.title
