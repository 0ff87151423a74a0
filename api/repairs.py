"""Credit repair applications over HTTP: list, apply, read, act, download letters.

Same style as /api/v1/objections/: each endpoint parses its input and calls
`workflows.actions.act` (api.cases.CaseViewSet); errors are mapped in api.errors.
"""

from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as s
from api.cases import CaseViewSet, action_schema, case_schema
from casework.models import RepairCase, RepairStatus
from casework.selectors import repair_get_for_user, repair_list_for_user
from workflows.repair_actions import repair_apply


_action_schema = action_schema(s.RepairDetailSerializer, "repairs")


@case_schema("repairs", statuses=RepairStatus.values, detail=s.RepairDetailSerializer, names=(
    "可见的信用修复申请", "信用修复申请详情",
    "申请信用修复（政务主体经办人）；不符合条件时 400，record 字段说明原因和可申请的日期", "下载案件函件（PDF）",
), create_request={"multipart/form-data": s.RepairApplySerializer})
class RepairViewSet(CaseViewSet):
    case_model = RepairCase
    serializer_class = s.RepairSummarySerializer
    summary_serializer = s.RepairSummarySerializer
    detail_serializer = s.RepairDetailSerializer
    statuses = tuple(RepairStatus.values)
    not_found = "信用修复申请不存在。"

    def list_for_user(self, user):
        return repair_list_for_user(user)

    def create(self, request):
        data = s.RepairApplySerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        case = repair_apply(acting_user=request.user, **data.validated_data)
        return Response(self._detail(repair_get_for_user(user=request.user, number=case.number)),
                        status=status.HTTP_201_CREATED)

    @_action_schema(s.RequestMaterialsSerializer, "要求补正材料，审核期限中止计算（认定部门）")
    @action(detail=True, methods=["post"], url_path="request-materials", url_name="request-materials")
    def request_materials(self, request, number=None):
        return self._act("request-materials", s.RequestMaterialsSerializer)

    @_action_schema({"multipart/form-data": s.SupplyMaterialsSerializer}, "补正材料（政务主体经办人）")
    @action(detail=True, methods=["post"], url_path="supply-materials", url_name="supply-materials")
    def supply_materials(self, request, number=None):
        return self._act("supply-materials", s.SupplyMaterialsSerializer,
                         lambda d: {"files": d["evidence"], "note": d["note"]})

    @_action_schema(s.RepairDecideSerializer, "作出信用修复决定：逐项免除、减轻、从轻或不予修复（认定部门）")
    @action(detail=True, methods=["post"])
    def decide(self, request, number=None):
        return self._act("decide", s.RepairDecideSerializer,
                         lambda d: {**d, "decisions": [dict(item) for item in d["decisions"]]})

    @_action_schema(s.ConfirmLiftingSerializer, "确认已按决定调整本部门实施的惩戒措施（实施部门）")
    @action(detail=True, methods=["post"], url_path="confirm-lifting", url_name="confirm-lifting")
    def confirm_lifting(self, request, number=None):
        return self._act("confirm-lifting", s.ConfirmLiftingSerializer, lambda d: {"measure_id": d["measure"]})

    @_action_schema(s.ConfirmReportSerializer, "确认已报送省级平台，填写回执号")
    @action(detail=True, methods=["post"], url_path="confirm-report", url_name="confirm-report")
    def confirm_report(self, request, number=None):
        return self._act("confirm-report", s.ConfirmReportSerializer)

    @_action_schema(s.ExtendSerializer, "延长办理期限一次，原定期限届满前，本省开启延期时（认定部门）")
    @action(detail=True, methods=["post"])
    def extend(self, request, number=None):
        return self._act("extend", s.ExtendSerializer)

    @_action_schema(s.WithdrawSerializer, "撤回申请（政务主体经办人，决定作出前）")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, number=None):
        return self._act("withdraw", s.WithdrawSerializer)
