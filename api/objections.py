"""Objection cases over HTTP: list, lodge, read, act, download letters.

Same shape as /api/v1/repairs/ and /api/v1/rectifications/ (api.cases.CaseViewSet):
each action endpoint is one `case_actions` entry: it parses its input and calls
`workflows.actions.act`, which keeps the viewflow process in step with the case.
Errors are mapped in api.errors.
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response

from api import serializers as s
from api.cases import CaseViewSet, case_actions, case_schema, confirmed_lifting, supplied_materials, today
from casework.models import ObjectionCase
from casework.selectors import objection_detail_as_lodged, objection_list_for_user
from workflows.objection_actions import objection_lodge

_endpoint = case_actions(s.ObjectionDetailSerializer, "objections")


@case_schema("objections", model=ObjectionCase, detail=s.ObjectionDetailSerializer, names=(
    "可见的异议案件", "异议案件详情", "提出异议申请（政务主体经办人）", "下载案件函件（PDF）",
), create_request={"application/json": s.ObjectionLodgeSerializer, "multipart/form-data": s.ObjectionLodgeSerializer})
class ObjectionViewSet(CaseViewSet):
    case_model = ObjectionCase
    summary_serializer = s.ObjectionSummarySerializer
    detail_serializer = s.ObjectionDetailSerializer
    not_found = "异议案件不存在。"

    def list_for_user(self, user):
        return objection_list_for_user(user)

    def create(self, request):
        data = self._checked(s.ObjectionLodgeSerializer)
        case = objection_lodge(
            record=data["record"],
            grounds=data["grounds"],
            channel=data["channel"],
            evidence=data["evidence"],
            acting_user=request.user,
        )
        # The answer is built from what the service just wrote, not read again: the case comes
        # back with its subject, record and departments loaded (the service read them to write
        # it) and with the rows it wrote about it (`case.lodged`: deadline, audit rows, receipt);
        # the lodger may see the case it lodged (its own subject's).
        detail = objection_detail_as_lodged(case, today=today())
        return Response(self._detail(case, detail), status=status.HTTP_201_CREATED)

    accept = _endpoint("accept", s.EmptySerializer, "受理并转认定部门核查（答复责任单位）", body=None)
    reject = _endpoint("reject", s.RejectSerializer, "不予受理（答复责任单位）")
    request_materials = _endpoint("request-materials", s.RequestMaterialsSerializer,
                                  "要求补正材料，答复期限中止计算（答复责任单位）")
    supply_materials = _endpoint(
        "supply-materials", s.SupplyMaterialsSerializer, "补正材料（政务主体经办人）", to_payload=supplied_materials,
        body={"multipart/form-data": s.SupplyMaterialsSerializer,
              "application/json": s.SupplyMaterialsSerializer},
    )
    decide = _endpoint("decide", s.DecideSerializer, "作出核查结论（认定部门）")
    reply = _endpoint("reply", s.EmptySerializer, "书面答复（答复责任单位）", body=None)
    extend = _endpoint("extend", s.ExtendSerializer, "延长办理期限一次，原定期限届满前，本省开启延期时（答复责任单位）")
    confirm_lifting = _endpoint("confirm-lifting", s.ConfirmLiftingSerializer,
                                "确认已解除本部门实施的惩戒措施（实施部门）", to_payload=confirmed_lifting)
    confirm_report = _endpoint("confirm-report", s.ConfirmReportSerializer, "确认已报送省级平台，填写回执号")
    withdraw = _endpoint("withdraw", s.WithdrawSerializer, "撤回异议（政务主体经办人，核查结论作出前）")
