"""What the API reads and writes.

Input serializers check shape only (types, required fields, choices, the
length of every text and the range of every number, from casework.limits, so
the schema states them and a huge value is a 400, never a 500); every
business rule (grounds long enough, a correction that changes something,
the evidence's real file type, who may act when) stays in the services, whose
DomainErrors api.errors turns into answers.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.limits import ID_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX, TEXT_TOO_LONG
from casework.models import (
    AccountabilityEntry,
    CreditRecord,
    MeasureLifting,
    NonAcceptanceReason,
    ObjectionCase,
    ObjectionChannel,
    ObjectionOutcome,
    PlatformReport,
    PunishmentMeasure,
    RectificationCase,
    RectificationReturn,
    RectificationSubmission,
    RepairCase,
    RepairMeasureDecision,
    Role,
)
from casework.permissions import records_visible_to

# --- bounded inputs ------------------------------------------------------------

# The services refuse grounds and a rectification text under 10 characters
# (after trimming); the serializer states the same minimum so the schema shows it.
MIN_STATEMENT_LENGTH = 10
# At most this many items in one list of ids or decisions (a record has a few
# measures; an order names a few records).
MAX_LIST_ITEMS = 100


def text(max_length: int, **kwargs) -> serializers.CharField:
    """A text input of at most `max_length` characters, refused with the casework message."""
    messages = {"max_length": TEXT_TOO_LONG, **kwargs.pop("error_messages", {})}
    return serializers.CharField(max_length=max_length, error_messages=messages, **kwargs)


def model_text(model, name: str, **kwargs) -> serializers.CharField:
    """A text input as long as the model's field allows."""
    return text(model._meta.get_field(name).max_length, **kwargs)


def id_field(**kwargs) -> serializers.IntegerField:
    """An id: 1 … 2**31-1, so a huge number is a 400 before it reaches the database."""
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


# --- small references --------------------------------------------------------


class DepartmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SubjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    # A civil servant is a person: no unified social credit code (casework.models.subjects).
    uscc = serializers.CharField(allow_null=True, help_text="统一社会信用代码；公务员个人为 null。")


class RecordRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")


# --- records and measures ----------------------------------------------------


class MeasureSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    imposed_by = DepartmentRefSerializer()
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = PunishmentMeasure
        fields = [
            "id",
            "kind",
            "kind_display",
            "description",
            "imposed_by",
            "imposed_on",
            "status",
            "status_display",
            "lifted_on",
        ]


class RecordSerializer(serializers.ModelSerializer):
    """A credit record with the measures the caller may see (prefetched as `visible_measures`)."""

    subject = SubjectRefSerializer()
    kind_display = serializers.CharField(source="get_kind_display")
    key_area_display = serializers.CharField(source="get_key_area_display")
    determined_by = DepartmentRefSerializer()
    platform_level_display = serializers.CharField(source="get_platform_level_display")
    severity_display = serializers.CharField(source="get_severity_display")
    status_display = serializers.CharField(source="get_status_display")
    measures = MeasureSerializer(source="visible_measures", many=True)

    class Meta:
        model = CreditRecord
        fields = [
            "id",
            "number",
            "subject",
            "kind",
            "kind_display",
            "key_area",
            "key_area_display",
            "determined_by",
            "platform_level",
            "platform_level_display",
            "facts",
            "legal_basis",
            "determined_on",
            "severity",
            "severity_display",
            "status",
            "status_display",
            "measures",
        ]


# --- objections: output --------------------------------------------------------


class DeadlineSerializer(serializers.Serializer):
    """One row of casework.selectors.objection_deadlines."""

    kind = serializers.CharField()
    label = serializers.CharField()
    due_on = serializers.DateField(source="due", allow_null=True, help_text="到期日；中止计时期间为空")
    met_on = serializers.DateField(allow_null=True)
    provisional = serializers.BooleanField(help_text="计算经过尚未公布放假安排的年度，可能调整")
    paused = serializers.BooleanField()
    working_days_left = serializers.IntegerField(
        source="days_left", allow_null=True, help_text="剩余工作日，逾期为负数；已完成或中止计时为空"
    )
    late_by_working_days = serializers.IntegerField(
        source="late_by", default=0, help_text="逾期完成的工作日数；按期完成或尚未完成为 0"
    )


class LetterSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    number = serializers.CharField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    download_url = serializers.CharField(allow_null=True, help_text="PDF 尚未生成时为空")


class TimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True, help_text="为空表示系统自动操作")
    action = serializers.CharField()
    label = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    purpose = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField()


class PlatformReportSerializer(serializers.ModelSerializer):
    change_display = serializers.CharField(source="get_change_display")
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = PlatformReport
        fields = ["change", "change_display", "status", "status_display", "receipt_number", "delivered_at"]


class LiftingSerializer(serializers.ModelSerializer):
    measure = MeasureSerializer()
    department = DepartmentRefSerializer()
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = MeasureLifting
        fields = ["measure", "department", "status", "status_display", "confirmed_at"]


class CaseSummaryFields(serializers.Serializer):
    """What a list row of every case kind shares: its API address, status, subject and
    deadlines (`deadlines` come from the view: context["deadlines"][case.pk])."""

    detail_route = ""  # e.g. "api:objection-detail"
    url = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display")
    subject = SubjectRefSerializer()
    deadlines = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, case) -> str:
        path = reverse(self.detail_route, args=[case.number])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case):
        return DeadlineSerializer(self.context["deadlines"][case.pk], many=True).data


class CaseDetailFields(serializers.Serializer):
    """What the whole case of every kind shares, from its selector's detail (context["detail"])."""

    letter_route = ""  # e.g. "api:objection-letter"
    allowed_actions = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    letters = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, case):
        return self.context["allowed_actions"]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, case):
        return EvidenceSerializer(self.context["detail"]["evidence"], many=True).data

    @extend_schema_field(LetterSerializer(many=True))
    def get_letters(self, case):
        request = self.context.get("request")
        rows = [letter_row(case, letter, request, route=self.letter_route) for letter in self.context["detail"]["letters"]]
        return LetterSerializer(rows, many=True).data

    @extend_schema_field(TimelineSerializer(many=True))
    def get_timeline(self, case):
        request = self.context.get("request")
        # The department's 审核/签发 steps are its own (casework.selectors.INTERNAL_AUDIT_ACTIONS).
        subject = request is not None and getattr(request.user, "role", None) == Role.SUBJECT_OFFICER
        rows = [{**row, "actor": _actor_name(row["actor"])} for row in self.context["detail"]["timeline"]
                if not (subject and row.get("internal"))]
        return TimelineSerializer(rows, many=True).data


class FollowUpFields(serializers.Serializer):
    """The provincial report and the measure liftings of an objection or a repair."""

    platform_report = serializers.SerializerMethodField()
    liftings = serializers.SerializerMethodField()

    @extend_schema_field(PlatformReportSerializer(allow_null=True))
    def get_platform_report(self, case):
        report = self.context["detail"]["report"]
        return PlatformReportSerializer(report).data if report is not None else None

    @extend_schema_field(LiftingSerializer(many=True))
    def get_liftings(self, case):
        return LiftingSerializer(self.context["detail"]["liftings"], many=True).data


class ObjectionSummarySerializer(CaseSummaryFields, serializers.ModelSerializer):
    """A case as a list shows it."""

    detail_route = "api:objection-detail"
    channel_display = serializers.CharField(source="get_channel_display")
    record = RecordRefSerializer()
    handling_department = DepartmentRefSerializer()
    determining_department = DepartmentRefSerializer()
    outcome_display = serializers.CharField(source="get_outcome_display")

    class Meta:
        model = ObjectionCase
        fields = [
            "number",
            "url",
            "status",
            "status_display",
            "channel",
            "channel_display",
            "received_on",
            "subject",
            "record",
            "handling_department",
            "determining_department",
            "outcome",
            "outcome_display",
            "deadlines",
        ]

class ObjectionDetailSerializer(CaseDetailFields, FollowUpFields, ObjectionSummarySerializer):
    """The whole case: built from casework.selectors.objection_detail (context["detail"])."""

    non_acceptance_reason_display = serializers.CharField(source="get_non_acceptance_reason_display")
    letter_route = "api:objection-letter"

    class Meta(ObjectionSummarySerializer.Meta):
        fields = ObjectionSummarySerializer.Meta.fields + [
            "grounds",
            "non_acceptance_reason",
            "non_acceptance_reason_display",
            "materials_requested",
            "findings",
            "decision_reasons",
            "correction",
            "decided_at",
            "closed_at",
            "allowed_actions",
            "evidence",
            "platform_report",
            "liftings",
            "letters",
            "timeline",
        ]


def letter_row(case, letter, request, *, route: str = "api:objection-letter") -> dict:
    """A letter as the API lists it. Read with getattr: `letters` may still be a stub in development."""
    pk = getattr(letter, "pk", None)
    available = bool(getattr(letter, "file", None)) and pk is not None
    url = None
    if available:
        url = reverse(route, args=[case.number, pk])
        if request is not None:
            url = request.build_absolute_uri(url)
    kind = getattr(letter, "kind", "")
    get_display = getattr(letter, "get_kind_display", None)
    return {
        "kind": kind,
        "kind_display": get_display() if callable(get_display) else kind,
        "number": getattr(letter, "number", None),
        "issued_on": getattr(letter, "issued_on", None),
        "status": getattr(letter, "status", None),
        "download_url": url,
    }


def _actor_name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


# --- objections: input ---------------------------------------------------------


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """A record id among those the caller may see; any other id does not exist for it."""

    default_error_messages = {
        "does_not_exist": "所选信用记录不存在。",
        "incorrect_type": "请提供信用记录的编号（整数 id）。",
    }

    def get_queryset(self):
        return records_visible_to(self.context["request"].user)

    def to_internal_value(self, data):
        # Out of range is "does not exist" without asking the database: SQLite
        # raises OverflowError for an integer beyond 64 bits.
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= number <= ID_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class EvidenceListField(serializers.ListField):
    """Files under one multipart name (`evidence`, repeated).

    The service checks each file's type from its content, whatever its name.
    """

    child = serializers.FileField(allow_empty_file=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("default", list)
        kwargs.setdefault("help_text", "PDF、JPG、PNG 文件（按内容判断类型），multipart 中同名多次上传")
        super().__init__(**kwargs)


class ObjectionLodgeSerializer(serializers.Serializer):
    record = VisibleRecordField()
    grounds = model_text(
        ObjectionCase, "grounds", trim_whitespace=False, min_length=MIN_STATEMENT_LENGTH,
        error_messages={"min_length": "请写明异议理由（不少于10个字）。", "blank": "请写明异议理由（不少于10个字）。"},
    )
    channel = serializers.ChoiceField(choices=ObjectionChannel.choices, default=ObjectionChannel.DEPARTMENT)
    evidence = EvidenceListField()


class RejectSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=NonAcceptanceReason.choices)
    explanation = text(SHORT_TEXT_MAX, required=False, allow_blank=True, default="")


class RequestMaterialsSerializer(serializers.Serializer):
    materials = model_text(ObjectionCase, "materials_requested", allow_blank=True, help_text="需补正的材料，每行一项")


class SupplyMaterialsSerializer(serializers.Serializer):
    evidence = EvidenceListField()
    note = text(SHORT_TEXT_MAX, required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ObjectionOutcome.choices)
    reasons = model_text(ObjectionCase, "decision_reasons", allow_blank=True)
    findings = model_text(ObjectionCase, "findings", required=False, allow_blank=True, default="")
    correction = serializers.DictField(
        child=text(LONG_TEXT_MAX, allow_blank=True),
        required=False,
        default=dict,
        help_text="字段→新值，可更正 facts、legal_basis、severity、key_area、determined_on（YYYY-MM-DD）",
    )
    revoke = serializers.BooleanField(required=False, default=False, help_text="撤销该信用记录")


class ConfirmLiftingSerializer(serializers.Serializer):
    measure = id_field(help_text="惩戒措施 id（见 liftings[].measure.id）")


class ConfirmReportSerializer(serializers.Serializer):
    receipt = model_text(PlatformReport, "receipt_number", allow_blank=True, help_text="省级平台回执号")


class WithdrawSerializer(serializers.Serializer):
    reason = text(SHORT_TEXT_MAX, required=False, allow_blank=True, default="")


class ExtendSerializer(serializers.Serializer):
    """Extending the case's time limit once (延期), where the province's setting allows it."""

    days = id_field(help_text="延长的工作日数，自原定期限届满之日的次日起算（不超过本省设定的上限）")
    reason = text(SHORT_TEXT_MAX, help_text="延长理由，写入延期通知书（不少于10个字）")


class EmptySerializer(serializers.Serializer):
    """Actions that take no input (accept, reply)."""


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=["transition_not_allowed", "conflict"])
    allowed_actions = serializers.ListField(child=serializers.CharField(), required=False)


class LetterDraftSerializer(serializers.Serializer):
    """A decision submitted for 审核 and 签发 instead of taken (HTTP 202): it runs at 签发."""

    id = serializers.IntegerField()
    case = serializers.CharField(source="case.number")
    action = serializers.CharField()
    letter_kind = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    drafted_by = serializers.CharField(source="drafted_by.username")
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True, default=None)
    signed_by = serializers.CharField(source="signed_by.username", allow_null=True, default=None)
    submitted_at = serializers.DateTimeField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(required=False)


# --- credit repair ---------------------------------------------------------------


class RepairSummarySerializer(CaseSummaryFields, serializers.ModelSerializer):
    """A repair case as a list shows it."""

    detail_route = "api:repair-detail"
    record = RecordRefSerializer()
    determining_department = DepartmentRefSerializer()

    class Meta:
        model = RepairCase
        fields = ["number", "url", "status", "status_display", "received_on", "subject", "record",
                  "determining_department", "approved", "deadlines"]

class RepairDetailSerializer(CaseDetailFields, FollowUpFields, RepairSummarySerializer):
    """The whole repair case: built from casework.selectors.repair_detail (context["detail"])."""

    letter_route = "api:repair-letter"

    class Meta(RepairSummarySerializer.Meta):
        fields = RepairSummarySerializer.Meta.fields + [
            "losses_recovered", "effects_removed", "harm_prevented", "commitment_signed", "commitment_text",
            "materials_requested",
            "findings", "decision_reasons", "measure_decisions", "decided_at", "closed_at",
            "allowed_actions", "evidence", "platform_report", "liftings", "letters", "timeline",
        ]


class RepairApplySerializer(serializers.Serializer):
    record = VisibleRecordField()
    losses_recovered = model_text(RepairCase, "losses_recovered", required=False, allow_blank=True, default="")
    effects_removed = model_text(RepairCase, "effects_removed", required=False, allow_blank=True, default="")
    harm_prevented = model_text(RepairCase, "harm_prevented", required=False, allow_blank=True, default="")
    commitment_signed = serializers.BooleanField(required=False, default=False,
                                                 help_text="确认已签署并遵守信用承诺；须为 true")
    commitment_file = serializers.FileField(
        help_text="加盖公章的信用承诺书（PDF、JPG、PNG），必须上传",
        error_messages={"required": "请上传加盖公章的信用承诺书。", "null": "请上传加盖公章的信用承诺书。",
                        "empty": "请上传加盖公章的信用承诺书。"},
    )
    evidence = EvidenceListField()


class RepairMeasureDecisionSerializer(serializers.Serializer):
    measure = id_field(help_text="惩戒措施 id")
    decision = serializers.ChoiceField(choices=RepairMeasureDecision.choices)
    reasons = text(LONG_TEXT_MAX, required=False, allow_blank=True, default="", help_text="不填则同决定理由")


class RepairDecideSerializer(serializers.Serializer):
    approved = serializers.BooleanField(help_text="准予信用修复")
    reasons = model_text(RepairCase, "decision_reasons", allow_blank=True)
    findings = model_text(RepairCase, "findings", required=False, allow_blank=True, default="")
    decisions = RepairMeasureDecisionSerializer(many=True, required=False, default=list, max_length=MAX_LIST_ITEMS,
                                                help_text="每项执行中的惩戒措施一项；不予修复时可省略")


# --- rectification ---------------------------------------------------------------


class RectificationSummarySerializer(CaseSummaryFields, serializers.ModelSerializer):
    """An order as a list shows it."""

    detail_route = "api:rectification-detail"
    supervisor_office = DepartmentRefSerializer()
    records = RecordRefSerializer(many=True)

    class Meta:
        model = RectificationCase
        fields = ["number", "url", "status", "status_display", "ordered_on", "subject", "supervisor_office",
                  "records", "limit_date", "limit_working_days", "deadlines"]

class RectificationSubmissionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    text = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class RectificationReturnSerializer(serializers.Serializer):
    reasons = serializers.CharField()
    new_limit_date = serializers.DateField(allow_null=True)
    returned_at = serializers.DateTimeField()


class AccountabilityEntrySerializer(serializers.Serializer):
    person = serializers.CharField()
    position = serializers.CharField()
    action_taken = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class RectificationDetailSerializer(CaseDetailFields, RectificationSummarySerializer):
    """The whole order: built from casework.selectors.rectification_detail (context["detail"])."""

    requirements = serializers.SerializerMethodField()
    submissions = serializers.SerializerMethodField()
    returns = serializers.SerializerMethodField()
    accountability = serializers.SerializerMethodField()
    letter_route = "api:rectification-letter"

    class Meta(RectificationSummarySerializer.Meta):
        fields = RectificationSummarySerializer.Meta.fields + [
            "requirements", "basis", "acceptance_opinion", "closed_at", "allowed_actions", "submissions",
            "returns", "accountability", "evidence", "letters", "timeline",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_requirements(self, case):
        return case.requirements.splitlines()

    @extend_schema_field(RectificationSubmissionSerializer(many=True))
    def get_submissions(self, case):
        return RectificationSubmissionSerializer(self.context["detail"]["submissions"], many=True).data

    @extend_schema_field(RectificationReturnSerializer(many=True))
    def get_returns(self, case):
        return RectificationReturnSerializer(self.context["detail"]["returns"], many=True).data

    @extend_schema_field(AccountabilityEntrySerializer(many=True))
    def get_accountability(self, case):
        return AccountabilityEntrySerializer(self.context["detail"]["accountability"], many=True).data


class RectificationOrderSerializer(serializers.Serializer):
    """Shape only; the service checks the office's jurisdiction, the subject's kind and the records."""

    subject = id_field(help_text="政府主体 id（本级或所辖）")
    records = serializers.ListField(child=id_field(), allow_empty=True, max_length=MAX_LIST_ITEMS,
                                    help_text="该政府有效的政务失信记录 id")
    requirements = model_text(RectificationCase, "requirements", allow_blank=True, help_text="整改要求，每行一项")
    basis = model_text(RectificationCase, "basis", required=False, allow_blank=True, default="")
    limit_date = serializers.DateField(required=False, allow_null=True, default=None,
                                       help_text="整改期限（日期，遇节假日顺延）；与 limit_working_days 二者选一")
    # 250 working days is about a year, the form's bound too.
    limit_working_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                                  max_value=250, help_text="下达之日起的工作日数；都不填按系统默认")


class RectificationSubmitSerializer(serializers.Serializer):
    text = model_text(
        RectificationSubmission, "text", min_length=MIN_STATEMENT_LENGTH,
        error_messages={"min_length": "请写明内容（不少于10个字）。", "blank": "请写明内容（不少于10个字）。"},
    )
    evidence = EvidenceListField()


class RectificationReturnInputSerializer(serializers.Serializer):
    reasons = model_text(RectificationReturn, "reasons", allow_blank=True)
    new_limit_date = serializers.DateField(required=False, allow_null=True, default=None,
                                           help_text="新的整改期限；不填则仍按原期限")


class RectificationAcceptSerializer(serializers.Serializer):
    opinion = model_text(RectificationCase, "acceptance_opinion", allow_blank=True)


class AccountabilityInputSerializer(serializers.Serializer):
    person = model_text(AccountabilityEntry, "person", allow_blank=True)
    position = model_text(AccountabilityEntry, "position", allow_blank=True)
    action_taken = model_text(AccountabilityEntry, "action_taken", allow_blank=True)


class RectificationResultSerializer(serializers.Serializer):
    """One jurisdiction's rectification results, for performance assessment."""

    jurisdiction = serializers.SerializerMethodField()
    ordered = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField(help_text="未办结且整改期限已过")
    accepted = serializers.IntegerField()
    accepted_on_time = serializers.IntegerField(help_text="按期报送完成报告且未被退回而验收通过")
    returns = serializers.IntegerField()
    accountable = serializers.IntegerField(help_text="被追究责任的主要责任人数")

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                                                          "level": {"type": "string"}}})
    def get_jurisdiction(self, row):
        place = row["jurisdiction"]
        return {"code": place.code, "name": place.name, "level": place.level}
