"""Rectification orders over HTTP: list, order, read, act, download letters, results per jurisdiction.

Same style as /api/v1/repairs/: each endpoint parses its input and calls the
one entry point in workflows.rectification_actions; errors are mapped in api.errors.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as s
from api.cases import CaseViewSet
from api.objections import _ERRORS, _today
from casework.errors import DomainError, NotPermittedError
from casework.models import CreditRecord, RectificationStatus, Role
from casework.selectors import (
    rectification_detail,
    rectification_get_for_user,
    rectification_list_for_user,
    rectification_orderable_subjects,
    rectification_results_by_jurisdiction,
)
from workflows.rectification_actions import (
    rectification_act,
    rectification_allowed_actions,
    rectification_order,
)


def _action_schema(request, summary: str):
    return extend_schema(summary=summary, request=request,
                         responses={200: s.RectificationDetailSerializer, **_ERRORS}, tags=["rectifications"])


def _submission(d) -> dict:
    return {"text": d["text"], "files": d["evidence"]}


@extend_schema_view(
    list=extend_schema(
        summary="可见的整改通知", tags=["rectifications"],
        parameters=[OpenApiParameter("status", str, many=True, enum=RectificationStatus.values,
                                     description="按状态筛选；可重复或以逗号分隔")],
    ),
    retrieve=extend_schema(summary="整改通知详情", tags=["rectifications"],
                           responses={200: s.RectificationDetailSerializer, 404: _ERRORS[404]}),
    create=extend_schema(
        summary="下达整改通知（社会信用体系建设联席会议办公室承办人），出具整改通知书", tags=["rectifications"],
        request=s.RectificationOrderSerializer,
        responses={201: s.RectificationDetailSerializer, 400: _ERRORS[400], 403: _ERRORS[403]},
    ),
    letter=extend_schema(summary="下载整改函件（PDF）", tags=["rectifications"],
                         responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                                    404: OpenApiResponse(s.ErrorSerializer)}),
)
class RectificationViewSet(CaseViewSet):
    serializer_class = s.RectificationSummarySerializer
    summary_serializer = s.RectificationSummarySerializer
    detail_serializer = s.RectificationDetailSerializer
    statuses = tuple(RectificationStatus.values)
    not_found = "整改通知不存在。"

    def list_for_user(self, user):
        return rectification_list_for_user(user).prefetch_related("records")

    def get_for_user(self, *, user, number):
        return rectification_get_for_user(user=user, number=number)

    def detail_of(self, case, *, today):
        return rectification_detail(case, today=today)

    def allowed_for(self, case, user):
        return rectification_allowed_actions(case, user)

    def act(self, **kwargs):
        return rectification_act(**kwargs)

    def create(self, request):
        subjects = rectification_orderable_subjects(request.user)
        if not subjects.exists():
            raise NotPermittedError("只有社会信用体系建设联席会议办公室的承办人可以下达整改通知。")
        data = s.RectificationOrderSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        d = data.validated_data
        subject = subjects.filter(pk=d["subject"]).first()
        if subject is None:  # outside the office's jurisdiction: it does not exist for the caller
            raise DomainError({"subject": "所选政府不存在。"})
        records = list(CreditRecord.objects.filter(subject=subject, pk__in=d["records"]))
        if len(records) != len(set(d["records"])):
            raise DomainError({"records": "所选信用记录不存在。"})
        case = rectification_order(
            subject=subject, records=records, requirements=d["requirements"], basis=d["basis"],
            limit_date=d["limit_date"], limit_working_days=d["limit_working_days"], acting_user=request.user,
        )
        return Response(self._detail(rectification_get_for_user(user=request.user, number=case.number)),
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="整改结果（按被整改政府所在辖区），用于绩效考核（监督人员、管理员）",
                   tags=["rectifications"],
                   responses={200: s.RectificationResultSerializer(many=True), 403: _ERRORS[403]})
    @action(detail=False, methods=["get"])
    def results(self, request):
        user = request.user
        if not (user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)):
            raise NotPermittedError("只有监督人员和系统管理员可以查看整改结果统计。")
        rows = rectification_results_by_jurisdiction(user=user, today=_today())
        return Response(s.RectificationResultSerializer(rows, many=True).data)

    @_action_schema({"multipart/form-data": s.RectificationSubmitSerializer},
                    "提交书面说明：对失信行为及其原因的说明，须最先提交（整改政府）")
    @action(detail=True, methods=["post"], url_path="submit-explanation", url_name="submit-explanation")
    def submit_explanation(self, request, number=None):
        return self._act("submit-explanation", s.RectificationSubmitSerializer, _submission)

    @_action_schema({"multipart/form-data": s.RectificationSubmitSerializer}, "报送整改方案（整改政府）")
    @action(detail=True, methods=["post"], url_path="submit-plan", url_name="submit-plan")
    def submit_plan(self, request, number=None):
        return self._act("submit-plan", s.RectificationSubmitSerializer, _submission)

    @_action_schema({"multipart/form-data": s.RectificationSubmitSerializer}, "报送整改进展（整改政府，可多次）")
    @action(detail=True, methods=["post"], url_path="submit-progress", url_name="submit-progress")
    def submit_progress(self, request, number=None):
        return self._act("submit-progress", s.RectificationSubmitSerializer, _submission)

    @_action_schema({"multipart/form-data": s.RectificationSubmitSerializer},
                    "报送整改完成报告及证明材料，整改期限随之完成（整改政府，须已报送方案）")
    @action(detail=True, methods=["post"], url_path="submit-completion", url_name="submit-completion")
    def submit_completion(self, request, number=None):
        return self._act("submit-completion", s.RectificationSubmitSerializer, _submission)

    @_action_schema(s.AccountabilityInputSerializer, "记录主要责任人的责任追究情况（下达整改的联席会议办公室）")
    @action(detail=True, methods=["post"], url_path="record-accountability", url_name="record-accountability")
    def record_accountability(self, request, number=None):
        return self._act("record-accountability", s.AccountabilityInputSerializer)

    @_action_schema(s.RectificationReturnInputSerializer, "退回整改，写明理由，可确定新的整改期限（联席会议办公室）")
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_for_rework(self, request, number=None):
        return self._act("return", s.RectificationReturnInputSerializer)

    @_action_schema(s.RectificationAcceptSerializer, "验收通过，出具整改验收意见书（联席会议办公室，须已记录责任追究）")
    @action(detail=True, methods=["post"])
    def accept(self, request, number=None):
        return self._act("accept", s.RectificationAcceptSerializer)
