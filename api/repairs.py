"""Credit repair applications over HTTP: list, apply, read, act, download letters.

Same style as /api/v1/objections/: each action endpoint is one `case_actions` entry that
parses its input and calls `workflows.actions.act` (api.cases.CaseViewSet); errors are
mapped in api.errors.
"""

from api import serializers as s
from api.cases import CaseViewSet, case_actions, case_schema, confirmed_lifting, supplied_materials
from casework.models import RepairCase
from casework.selectors import repair_list_for_user
from workflows.repair_actions import repair_apply

_endpoint = case_actions(s.RepairDetailSerializer, "repairs")


def _decisions(data) -> dict:
    """decide's payload: each measure's decision as a plain dict."""
    return {**data, "decisions": [dict(item) for item in data["decisions"]]}


@case_schema("repairs", model=RepairCase, detail=s.RepairDetailSerializer, names=(
    "可见的信用修复申请", "信用修复申请详情",
    "申请信用修复（政务主体经办人）；不符合条件时 400，record 字段说明原因和可申请的日期", "下载案件函件（PDF）",
), create_request={"multipart/form-data": s.RepairApplySerializer})
class RepairViewSet(CaseViewSet):
    case_model = RepairCase
    summary_serializer = s.RepairSummarySerializer
    detail_serializer = s.RepairDetailSerializer
    not_found = "信用修复申请不存在。"

    def list_for_user(self, user):
        return repair_list_for_user(user)

    def create(self, request):
        return self._created(repair_apply(acting_user=request.user, **self._checked(s.RepairApplySerializer)))

    request_materials = _endpoint("request-materials", s.RequestMaterialsSerializer,
                                  "要求补正材料，审核期限中止计算（认定部门）")
    supply_materials = _endpoint("supply-materials", s.SupplyMaterialsSerializer, "补正材料（政务主体经办人）",
                                 body={"multipart/form-data": s.SupplyMaterialsSerializer},
                                 to_payload=supplied_materials)
    decide = _endpoint("decide", s.RepairDecideSerializer,
                       "作出信用修复决定：逐项免除、减轻、从轻或不予修复（认定部门）", to_payload=_decisions)
    confirm_lifting = _endpoint("confirm-lifting", s.ConfirmLiftingSerializer,
                                "确认已按决定调整本部门实施的惩戒措施（实施部门）", to_payload=confirmed_lifting)
    confirm_report = _endpoint("confirm-report", s.ConfirmReportSerializer, "确认已报送省级平台，填写回执号")
    extend = _endpoint("extend", s.ExtendSerializer, "延长办理期限一次，原定期限届满前，本省开启延期时（认定部门）")
    withdraw = _endpoint("withdraw", s.WithdrawSerializer, "撤回申请（政务主体经办人，决定作出前）")
