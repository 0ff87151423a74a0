"""Objection cases over HTTP: list, lodge, read, act, download letters.

Same shape as /api/v1/repairs/ and /api/v1/rectifications/ (api.cases.CaseViewSet):
each endpoint parses its input and calls `workflows.actions.act`, which keeps the
viewflow process in step with the case. Errors are mapped in api.errors.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as s
from api.cases import CaseViewSet, action_schema, case_schema, today
from casework.models import ObjectionCase, ObjectionStatus
from casework.selectors import objection_detail_as_lodged, objection_list_for_user
from workflows.objection_actions import objection_lodge

_action_schema = action_schema(s.ObjectionDetailSerializer, "objections")


@case_schema("objections", statuses=ObjectionStatus.values, detail=s.ObjectionDetailSerializer, names=(
    "可见的异议案件", "异议案件详情", "提出异议申请（政务主体经办人）", "下载案件函件（PDF）",
), create_request={"application/json": s.ObjectionLodgeSerializer, "multipart/form-data": s.ObjectionLodgeSerializer})
class ObjectionViewSet(CaseViewSet):
    case_model = ObjectionCase
    serializer_class = s.ObjectionSummarySerializer
    summary_serializer = s.ObjectionSummarySerializer
    detail_serializer = s.ObjectionDetailSerializer
    statuses = tuple(ObjectionStatus.values)
    not_found = "异议案件不存在。"

    def list_for_user(self, user):
        return objection_list_for_user(user)

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
        # The answer is built from what the service just wrote, not read again: the case comes
        # back with its subject, record and departments loaded (the service read them to write
        # it) and with the rows it wrote about it (`case.lodged`: deadline, audit rows, receipt);
        # the lodger may see the case it lodged (its own subject's).
        detail = objection_detail_as_lodged(case, today=today())
        return Response(self._detail(case, detail), status=status.HTTP_201_CREATED)

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
        return self._act("supply-materials", s.SupplyMaterialsSerializer,
                         lambda d: {"files": d["evidence"], "note": d["note"]})

    @_action_schema(s.DecideSerializer, "作出核查结论（认定部门）")
    @action(detail=True, methods=["post"])
    def decide(self, request, number=None):
        return self._act("decide", s.DecideSerializer)

    @_action_schema(None, "书面答复（答复责任单位）")
    @action(detail=True, methods=["post"])
    def reply(self, request, number=None):
        return self._act("reply", s.EmptySerializer, lambda d: {})

    @_action_schema(s.ExtendSerializer, "延长办理期限一次，原定期限届满前，本省开启延期时（答复责任单位）")
    @action(detail=True, methods=["post"])
    def extend(self, request, number=None):
        return self._act("extend", s.ExtendSerializer)

    @_action_schema(s.ConfirmLiftingSerializer, "确认已解除本部门实施的惩戒措施（实施部门）")
    @action(detail=True, methods=["post"], url_path="confirm-lifting", url_name="confirm-lifting")
    def confirm_lifting(self, request, number=None):
        return self._act("confirm-lifting", s.ConfirmLiftingSerializer, lambda d: {"measure_id": d["measure"]})

    @_action_schema(s.ConfirmReportSerializer, "确认已报送省级平台，填写回执号")
    @action(detail=True, methods=["post"], url_path="confirm-report", url_name="confirm-report")
    def confirm_report(self, request, number=None):
        return self._act("confirm-report", s.ConfirmReportSerializer)

    @_action_schema(s.WithdrawSerializer, "撤回异议（政务主体经办人，核查结论作出前）")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, number=None):
        return self._act("withdraw", s.WithdrawSerializer)
