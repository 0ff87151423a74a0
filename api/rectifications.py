"""Rectification orders over HTTP: list, order, read, act, download letters, results per jurisdiction.

Same style as /api/v1/repairs/: each action endpoint is one `case_actions` entry that
parses its input and calls `workflows.actions.act` (api.cases.CaseViewSet); errors are
mapped in api.errors.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as s
from api.cases import ERRORS, CaseViewSet, case_actions, case_schema, today
from casework.errors import DomainError, NotPermittedError
from casework.models import CreditRecord, RectificationCase, Role
from casework.selectors import (
    rectification_list_for_user,
    rectification_orderable_subjects,
    rectification_results_by_jurisdiction,
)
from workflows.rectification_actions import rectification_order

_endpoint = case_actions(s.RectificationDetailSerializer, "rectifications")
_SUBMISSION = {"multipart/form-data": s.RectificationSubmitSerializer}


def _submission(d) -> dict:
    return {"text": d["text"], "files": d["evidence"]}


@case_schema("rectifications", model=RectificationCase, detail=s.RectificationDetailSerializer, names=(
    "可见的整改通知", "整改通知详情", "下达整改通知（社会信用体系建设联席会议办公室承办人），出具整改通知书",
    "下载整改函件（PDF）",
), create_request=s.RectificationOrderSerializer)
class RectificationViewSet(CaseViewSet):
    case_model = RectificationCase
    summary_serializer = s.RectificationSummarySerializer
    detail_serializer = s.RectificationDetailSerializer
    not_found = "整改通知不存在。"

    def list_for_user(self, user):
        return rectification_list_for_user(user).prefetch_related("records")

    def create(self, request):
        subjects = rectification_orderable_subjects(request.user)
        if not subjects.exists():
            raise NotPermittedError("只有社会信用体系建设联席会议办公室的承办人可以下达整改通知。")
        d = self._checked(s.RectificationOrderSerializer)
        subject = subjects.filter(pk=d["subject"]).first()
        if subject is None:  # outside the office's jurisdiction: it does not exist for the caller
            raise DomainError({"subject": "所选政府不存在。"})
        records = list(CreditRecord.objects.filter(subject=subject, pk__in=d["records"]))
        if len(records) != len(set(d["records"])):
            raise DomainError({"records": "所选信用记录不存在。"})
        return self._created(rectification_order(
            subject=subject, records=records, requirements=d["requirements"], basis=d["basis"],
            limit_date=d["limit_date"], limit_working_days=d["limit_working_days"], acting_user=request.user,
        ))

    @extend_schema(summary="整改结果（按被整改政府所在辖区），用于绩效考核（监督人员、管理员）",
                   tags=["rectifications"],
                   responses={200: s.RectificationResultSerializer(many=True), 403: ERRORS[403]})
    @action(detail=False, methods=["get"])
    def results(self, request):
        user = request.user
        if not (user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)):
            raise NotPermittedError("只有监督人员和系统管理员可以查看整改结果统计。")
        rows = rectification_results_by_jurisdiction(user=user, today=today())
        return Response(s.RectificationResultSerializer(rows, many=True).data)

    submit_explanation = _endpoint(
        "submit-explanation", s.RectificationSubmitSerializer,
        "提交书面说明：对失信行为及其原因的说明，须最先提交（整改政府）", body=_SUBMISSION, to_payload=_submission,
    )
    submit_plan = _endpoint("submit-plan", s.RectificationSubmitSerializer, "报送整改方案（整改政府）",
                            body=_SUBMISSION, to_payload=_submission)
    submit_progress = _endpoint("submit-progress", s.RectificationSubmitSerializer, "报送整改进展（整改政府，可多次）",
                                body=_SUBMISSION, to_payload=_submission)
    submit_completion = _endpoint(
        "submit-completion", s.RectificationSubmitSerializer,
        "报送整改完成报告及证明材料，整改期限随之完成（整改政府，须已报送方案）", body=_SUBMISSION, to_payload=_submission,
    )
    record_accountability = _endpoint("record-accountability", s.AccountabilityInputSerializer,
                                      "记录主要责任人的责任追究情况（下达整改的联席会议办公室）")
    return_for_rework = _endpoint("return", s.RectificationReturnInputSerializer,
                                  "退回整改，写明理由，可确定新的整改期限（联席会议办公室）", method="return_for_rework")
    accept = _endpoint("accept", s.RectificationAcceptSerializer,
                       "验收通过，出具整改验收意见书（联席会议办公室，须已记录责任追究）")
