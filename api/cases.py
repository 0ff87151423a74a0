"""What every case kind's viewset shares: find a visible case by number, list with
deadlines, the detail with allowed actions, one thin `_act` per action, letters.

A subclass names its case model (casework's declaration of the kind gives the
readers and the model its statuses), its list selector, serializers and the endpoints
of its actions, one `case_actions` entry each; what a
caller may do and every action go through `workflows.actions`. A case the caller
may not see is 404, never 403, so numbers cannot be probed.
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
from api.drafts import DraftEndpoints
from calendars import clock
from casework.case_kinds import CASE_MODELS
from casework.models import LetterDraft, Role
from casework.selectors import case_deadlines
from workflows.actions import CaseFacts, act, allowed_action_names

ERRORS = {
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


def action_schema(detail_serializer, tag: str):
    """The schema decorator of a kind's action endpoints: `(request, summary)` → extend_schema."""
    def schema(request, summary: str):
        return extend_schema(summary=summary, request=request, responses={
            200: detail_serializer,
            202: OpenApiResponse(s.LetterDraftSerializer, description=(
                "决定文书须经本部门审核、签发：已提交审核，签发时方执行（workflows.signoff）")),
            **ERRORS}, tags=[tag])

    return schema


# `case_actions`' default: the schema shows the serializer that checks the input as the body.
_CHECKED_INPUT = object()


def case_actions(detail_serializer, tag: str):
    """The endpoint maker of a kind's actions. `endpoint(name, serializer, summary)` is
    POST /<number>/<name>/: it checks the input with `serializer`, makes it the action's
    payload with `to_payload` and runs the action (CaseViewSet._act). `body` is what the
    schema shows as the request (the serializer unless said; None: no body); `method` is
    the viewset's name for it where the action's name is no Python name ("return")."""
    schema = action_schema(detail_serializer, tag)

    def endpoint(name: str, serializer, summary: str, *, body=_CHECKED_INPUT, to_payload=dict, method=None):
        def run(self, request, number=None):
            return self._act(name, serializer, to_payload)

        # Before @action: it maps the HTTP method to the viewset attribute of this name.
        run.__name__ = run.__qualname__ = method or name.replace("-", "_")
        shown = serializer if body is _CHECKED_INPUT else body
        endpoint_action = action(detail=True, methods=["post"], url_path=name, url_name=name)
        return schema(shown, summary)(endpoint_action(run))

    return endpoint


def supplied_materials(data) -> dict:
    """supply-materials' payload: the evidence under the name the services take."""
    return {"files": data["evidence"], "note": data["note"]}


def confirmed_lifting(data) -> dict:
    """confirm-lifting's payload: the measure's id."""
    return {"measure_id": data["measure"]}


def case_statuses(model) -> list[str]:
    """The statuses a case of `model` may be in, in the order its status field lists them."""
    return [value for value, _label in model._meta.get_field("status").choices]


def case_schema(tag: str, *, model, detail, names: tuple[str, str, str, str], create_request):
    """The schema of a kind's list, detail, create and letter endpoints; `names` are their
    summaries (list, detail, create, letter)."""
    listed, detailed, created, letter = names
    return extend_schema_view(
        list=extend_schema(
            summary=listed, tags=[tag],
            parameters=[OpenApiParameter("status", str, many=True, enum=case_statuses(model),
                                         description="按状态筛选；可重复或以逗号分隔")],
        ),
        retrieve=extend_schema(summary=detailed, tags=[tag], responses={200: detail, 404: ERRORS[404]}),
        create=extend_schema(summary=created, tags=[tag], request=create_request,
                             responses={201: detail, 400: ERRORS[400], 403: ERRORS[403]}),
        letter=extend_schema(summary=letter, tags=[tag],
                             responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                                        404: OpenApiResponse(s.ErrorSerializer)}),
    )


def today():
    return clock.today()


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


class CaseViewSet(DraftEndpoints, GenericViewSet):
    lookup_field = "number"
    lookup_value_regex = r"[^/]+"
    not_found = "案件不存在。"
    case_model = None  # supplied by the subclass, with its serializers
    summary_serializer = None  # a list row; the schema of the list shows it too
    detail_serializer = None

    def list_for_user(self, user):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_serializer_class(self):
        return self.summary_serializer

    def get_for_user(self, *, user, number):
        return CASE_MODELS[self.case_model].get_for_user(user=user, number=number)

    def detail_of(self, case, *, today):
        return CASE_MODELS[self.case_model].detail(case, today=today)

    def allowed_for(self, case, user, detail: dict | None = None):
        # The detail has read the report and liftings already: the allowed actions reuse them.
        known = {key: detail[key] for key in ("report", "liftings") if detail and key in detail}
        return allowed_action_names(case, user, facts=CaseFacts(case, **known))

    def get_queryset(self):
        return self.list_for_user(self.request.user)

    def get_object(self):
        case = self.get_for_user(user=self.request.user, number=self.kwargs[self.lookup_field])
        if case is None:
            raise NotFound(self.not_found)
        return case

    def list(self, request):
        cases = self.get_queryset()
        wanted = [value for item in request.query_params.getlist("status") for value in item.split(",") if value]
        unknown = sorted(set(wanted) - set(case_statuses(self.case_model)))
        if unknown:
            raise ValidationError({"status": [f"未知的状态：{'、'.join(unknown)}。"]})
        if wanted:
            cases = cases.filter(status__in=wanted)
        page = self.paginate_queryset(cases)
        on = today()
        deadlines = {case.pk: case_deadlines(case, today=on) for case in page}
        serializer = self.summary_serializer(
            page, many=True, context={**self.get_serializer_context(), "deadlines": deadlines}
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, number=None):
        return Response(self._detail(self.get_object()))

    def _detail(self, case, detail: dict | None = None) -> dict:
        detail = self.detail_of(case, today=today()) if detail is None else detail
        context = {
            **self.get_serializer_context(), "detail": detail, "deadlines": {case.pk: detail["deadlines"]},
            "allowed_actions": self.allowed_for(case, self.request.user, detail),
        }
        return self.detail_serializer(case, context=context).data

    def allowed_actions_now(self) -> list[str] | None:
        """For api.errors: what the caller may do with the case as it is now in the database."""
        number = self.kwargs.get(self.lookup_field)
        case = self.get_for_user(user=self.request.user, number=number) if number else None
        return self.allowed_for(case, self.request.user) if case is not None else None

    def _checked(self, serializer_class) -> dict:
        """The request's data as `serializer_class` checked it; a 400 when it does not fit."""
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _created(self, case) -> Response:
        """201 with the case just lodged, as the caller now sees it."""
        return Response(self._detail(self.get_for_user(user=self.request.user, number=case.number)),
                        status=status.HTTP_201_CREATED)

    def _act(self, action_name: str, serializer_class, to_payload=dict):
        case = self.get_object()  # first: a case the caller cannot see is 404 whatever it sent
        data = self._checked(serializer_class)
        result = act(case=case, action=action_name, acting_user=self.request.user, payload=to_payload(data))
        if isinstance(result, LetterDraft):
            # Nothing happened to the case yet: the decision runs at 签发 (review and sign-off on the staff site).
            return Response(s.LetterDraftSerializer(result).data, status=202)
        case = self.get_for_user(user=self.request.user, number=case.number)
        if case is None:
            raise NotFound(self.not_found)
        return Response(self._detail(case))

    def perform_content_negotiation(self, request, force=False):
        # A letter is a PDF whatever the client accepts; never answer 406 for it.
        return super().perform_content_negotiation(request, force=force or self.action == "letter")

    @action(detail=True, methods=["get"], url_path=r"letters/(?P<letter_pk>[0-9]+)", url_name="letter")
    def letter(self, request, number=None, letter_pk=None):
        from letters.selectors import letters_about

        case = self.get_object()
        letter = next((item for item in letters_about(case) if getattr(item, "pk", None) == int(letter_pk)), None)
        if letter is None or not getattr(letter, "file", None):
            raise NotFound("函件不存在或尚未生成。")
        if request.user.role == Role.SUBJECT_OFFICER and request.user.subject_id == case.subject_id:
            _mark_downloaded(letter)
        return _letter_response(letter)
