"""Objection cases over HTTP: list, lodge, read, act, download letters.

Each endpoint parses its input, finds the case among those the caller may
see (a case it may not see is 404, never 403, so numbers cannot be probed)
and calls the one entry point in workflows.objection_actions, which keeps the
viewflow process in step with the case. Errors are mapped in api.errors.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from api import serializers as s
from workflows.objection_actions import objection_allowed_actions
from calendars import clock
from casework.models import ObjectionCase, ObjectionStatus, Role
from casework.selectors import (
    objection_deadlines,
    objection_detail,
    objection_get_for_user,
    objection_list_for_user,
)
from workflows.objection_actions import objection_act, objection_lodge

_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="数据无效：{字段: [消息]}"),
    403: OpenApiResponse(s.ErrorSerializer, description="角色或范围不允许此操作"),
    404: OpenApiResponse(s.ErrorSerializer, description="案件不存在或不可见"),
    409: OpenApiResponse(
        s.ConflictSerializer,
        description=(
            "当前状态不能执行此操作（allowed_actions 列出现在可做的操作），"
            "或案件已被他人处理（code=conflict）"
        ),
    ),
}


def _action_schema(request, summary: str):
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: s.ObjectionDetailSerializer, **_ERRORS},
        tags=["objections"],
    )


def _today():
    return clock.today()


@extend_schema_view(
    list=extend_schema(
        summary="可见的异议案件",
        tags=["objections"],
        parameters=[
            OpenApiParameter(
                "status",
                str,
                many=True,
                enum=ObjectionStatus.values,
                description="按状态筛选；可重复或以逗号分隔",
            )
        ],
    ),
    retrieve=extend_schema(
        summary="异议案件详情",
        tags=["objections"],
        responses={200: s.ObjectionDetailSerializer, 404: _ERRORS[404]},
    ),
    create=extend_schema(
        summary="提出异议申请（政务主体经办人）",
        tags=["objections"],
        request={
            "application/json": s.ObjectionLodgeSerializer,
            "multipart/form-data": s.ObjectionLodgeSerializer,
        },
        responses={201: s.ObjectionDetailSerializer, 400: _ERRORS[400], 403: _ERRORS[403]},
    ),
)
class ObjectionViewSet(GenericViewSet):
    lookup_field = "number"
    lookup_value_regex = r"[^/]+"
    serializer_class = s.ObjectionSummarySerializer

    def get_queryset(self):
        return objection_list_for_user(self.request.user)

    def get_object(self) -> ObjectionCase:
        case = objection_get_for_user(user=self.request.user, number=self.kwargs[self.lookup_field])
        if case is None:
            raise NotFound("异议案件不存在。")
        return case

    # --- reads ---

    def list(self, request):
        cases = self.get_queryset()
        wanted = [
            value for item in request.query_params.getlist("status") for value in item.split(",") if value
        ]
        unknown = sorted(set(wanted) - set(ObjectionStatus.values))
        if unknown:
            raise ValidationError({"status": [f"未知的状态：{'、'.join(unknown)}。"]})
        if wanted:
            cases = cases.filter(status__in=wanted)
        page = self.paginate_queryset(cases)
        today = _today()
        deadlines = {case.pk: objection_deadlines(case, today=today) for case in page}
        serializer = s.ObjectionSummarySerializer(
            page, many=True, context={**self.get_serializer_context(), "deadlines": deadlines}
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, number=None):
        return Response(self._detail(self.get_object()))

    def _detail(self, case: ObjectionCase) -> dict:
        detail = objection_detail(case, today=_today())
        context = {
            **self.get_serializer_context(),
            "detail": detail,
            "deadlines": {case.pk: detail["deadlines"]},
            "allowed_actions": objection_allowed_actions(
                case, self.request.user, report=detail["report"], liftings=detail["liftings"]
            ),
        }
        return s.ObjectionDetailSerializer(case, context=context).data

    def allowed_actions_now(self) -> list[str] | None:
        """For api.errors: what the caller may do with the case as it is now in the database."""
        number = self.kwargs.get(self.lookup_field)
        case = objection_get_for_user(user=self.request.user, number=number) if number else None
        return objection_allowed_actions(case, self.request.user) if case is not None else None

    # --- lodging ---

    def create(self, request):
        data = s.ObjectionLodgeSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        case = objection_lodge(
            record=data.validated_data["record"],
            grounds=data.validated_data["grounds"],
            channel=data.validated_data["channel"],
            evidence=data.validated_data["evidence"],
            acting_user=request.user,
        )
        # The answer is built from the case the service just wrote, not read again: it comes
        # back with its subject, record and departments loaded (the service read them to write
        # it), and the lodger may see the case it lodged (its own subject's).
        return Response(self._detail(case), status=status.HTTP_201_CREATED)

    # --- actions: one per step, each a thin call to objection_act ---

    def _act(self, action_name: str, serializer_class, to_payload=dict):
        case = self.get_object()  # first: a case the caller cannot see is 404 whatever it sent
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        objection_act(
            case=case,
            action=action_name,
            acting_user=self.request.user,
            payload=to_payload(data.validated_data),
        )
        case = objection_get_for_user(user=self.request.user, number=case.number)
        if case is None:  # not expected: acting on a case does not hide it from the actor
            raise NotFound("异议案件不存在。")
        return Response(self._detail(case))

    @_action_schema(None, "受理并转认定部门核查（答复责任单位）")
    @action(detail=True, methods=["post"])
    def accept(self, request, number=None):
        return self._act("accept", s.EmptySerializer, lambda d: {})

    @_action_schema(s.RejectSerializer, "不予受理（答复责任单位）")
    @action(detail=True, methods=["post"])
    def reject(self, request, number=None):
        return self._act("reject", s.RejectSerializer)

    @_action_schema(s.RequestMaterialsSerializer, "要求补正材料，答复期限中止计算（答复责任单位）")
    @action(detail=True, methods=["post"], url_path="request-materials", url_name="request-materials")
    def request_materials(self, request, number=None):
        return self._act("request-materials", s.RequestMaterialsSerializer)

    @_action_schema(
        {"multipart/form-data": s.SupplyMaterialsSerializer, "application/json": s.SupplyMaterialsSerializer},
        "补正材料（政务主体经办人）",
    )
    @action(detail=True, methods=["post"], url_path="supply-materials", url_name="supply-materials")
    def supply_materials(self, request, number=None):
        return self._act(
            "supply-materials",
            s.SupplyMaterialsSerializer,
            lambda d: {"files": d["evidence"], "note": d["note"]},
        )

    @_action_schema(s.DecideSerializer, "作出核查结论（认定部门）")
    @action(detail=True, methods=["post"])
    def decide(self, request, number=None):
        return self._act("decide", s.DecideSerializer)

    @_action_schema(None, "书面答复（答复责任单位）")
    @action(detail=True, methods=["post"])
    def reply(self, request, number=None):
        return self._act("reply", s.EmptySerializer, lambda d: {})

    @_action_schema(s.ConfirmLiftingSerializer, "确认已解除本部门实施的惩戒措施（实施部门）")
    @action(detail=True, methods=["post"], url_path="confirm-lifting", url_name="confirm-lifting")
    def confirm_lifting(self, request, number=None):
        return self._act(
            "confirm-lifting", s.ConfirmLiftingSerializer, lambda d: {"measure_id": d["measure"]}
        )

    @_action_schema(s.ConfirmReportSerializer, "确认已报送省级平台，填写回执号")
    @action(detail=True, methods=["post"], url_path="confirm-report", url_name="confirm-report")
    def confirm_report(self, request, number=None):
        return self._act("confirm-report", s.ConfirmReportSerializer)

    @_action_schema(s.WithdrawSerializer, "撤回异议（政务主体经办人，核查结论作出前）")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, number=None):
        return self._act("withdraw", s.WithdrawSerializer)

    # --- letters ---

    def perform_content_negotiation(self, request, force=False):
        # A letter is a PDF whatever the client accepts; never answer 406 for it.
        return super().perform_content_negotiation(request, force=force or self.action == "letter")

    @extend_schema(
        summary="下载案件函件（PDF）",
        tags=["objections"],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: _ERRORS[404]},
    )
    @action(detail=True, methods=["get"], url_path=r"letters/(?P<letter_pk>[0-9]+)", url_name="letter")
    def letter(self, request, number=None, letter_pk=None):
        from letters.selectors import letters_about

        case = self.get_object()
        letter = next(
            (item for item in letters_about(case) if getattr(item, "pk", None) == int(letter_pk)), None
        )
        if letter is None or not getattr(letter, "file", None):
            raise NotFound("函件不存在或尚未生成。")
        if request.user.role == Role.SUBJECT_OFFICER and request.user.subject_id == case.subject_id:
            _mark_downloaded(letter)
        return _letter_response(letter)


def _mark_downloaded(letter) -> None:
    """Record the addressee's first download, where the letters app offers it."""
    try:
        from letters.services import letter_mark_downloaded
    except ImportError:
        return
    letter_mark_downloaded(letter=letter, when=clock.now())


def _letter_response(letter):
    from letters.views import letter_file_response

    return letter_file_response(letter, as_attachment=True)
