"""审核 and 签发 over HTTP, for every case kind: /api/v1/<kind>/<number>/draft/{approve,return,sign}/.

A handler's decision action answers 202 with the draft it made (api.cases); the reviewer and the
signer of the department take the next steps here, as on the staff case page. Each endpoint parses,
finds the case's open draft (404 when the case is not visible or has none) and calls one service.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api import serializers as s
from casework.services.letter_drafts import case_open_draft, letter_draft_approve, letter_draft_return
from workflows.signoff import draft_sign


class DraftCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class DraftReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


def _schema(summary: str, request):
    return extend_schema(summary=summary, request=request, tags=["drafts"], responses={
        200: OpenApiResponse(s.LetterDraftSerializer),
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="数据无效：{字段: [消息]}"),
        403: OpenApiResponse(s.ErrorSerializer, description="无审核或签发权限，或为本人拟稿"),
        404: OpenApiResponse(s.ErrorSerializer, description="案件不存在或不可见，或没有待办的文书稿"),
        409: OpenApiResponse(s.ConflictSerializer, description="文书稿或案件已变化"),
    })


class DraftEndpoints:
    """Mixed into api.cases.CaseViewSet."""

    def _draft_step(self, serializer_class, run):
        case = self.get_object()  # a case the caller cannot see is 404 whatever it sent
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        draft = case_open_draft(case)
        if draft is None:
            raise NotFound("该案件没有待审核或待签发的文书稿。")
        run(draft, data.validated_data)
        draft.refresh_from_db()
        return Response(s.LetterDraftSerializer(draft).data)

    @_schema("审核通过文书稿（本部门审核人）", DraftCommentSerializer)
    @action(detail=True, methods=["post"], url_path="draft/approve", url_name="draft-approve")
    def draft_approve(self, request, number=None):
        return self._draft_step(DraftCommentSerializer, lambda draft, data: letter_draft_approve(
            draft=draft, comment=data["comment"], acting_user=request.user))

    @_schema("退回文书稿修改（审核人或签发人，须写明意见）", DraftReturnSerializer)
    @action(detail=True, methods=["post"], url_path="draft/return", url_name="draft-return")
    def draft_return(self, request, number=None):
        return self._draft_step(DraftReturnSerializer, lambda draft, data: letter_draft_return(
            draft=draft, comment=data["comment"], acting_user=request.user))

    @_schema("签发：按文书稿作出决定并编号出具文书（本部门签发人）", s.EmptySerializer)
    @action(detail=True, methods=["post"], url_path="draft/sign", url_name="draft-sign")
    def draft_sign(self, request, number=None):
        return self._draft_step(s.EmptySerializer, lambda draft, data: draft_sign(
            draft=draft, acting_user=request.user))
