"""Request body parsers with limits, so a hostile body is a 400 or 413, never a 500.

DRF reads a JSON or form body straight from the request stream, past Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (which only guards `request.body` and multipart
fields), and Python's json raises RecursionError on deeply nested input. So:

- JSON and form bodies: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (413);
- JSON: at most API_JSON_MAX_DEPTH levels of arrays and objects (400);
- multipart (evidence uploads): at most what the evidence limits allow in
  total (CASEWORK_LIMITS evidence_max_bytes × (evidence_max_files + 1, the
  commitment letter) plus the non-file fields), and Django's own field limits
  answered as 400/413 instead of Django's HTML 400.
"""

import codecs

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import QueryDict
from rest_framework import parsers, renderers, status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.settings import api_settings
from rest_framework.utils import json

from casework.limits import limit


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "请求内容过大。"
    default_code = "payload_too_large"


def _body_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2**62


def _declared_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    meta = getattr(request, "META", {}) if request is not None else {}
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _read_bounded(stream, max_bytes: int) -> bytes:
    raw = stream.read(max_bytes + 1) if stream is not None else b""
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"请求内容不能超过{max_bytes // 1024} KB。")
    return raw


def _too_deep(data, max_depth: int) -> bool:
    """Whether arrays and objects nest deeper than `max_depth` (iterative: no recursion limit)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class LimitedJSONParser(parsers.BaseParser):
    """DRF's JSONParser, bounded. Not a subclass of it: DRF hands its own JSON and form
    parsers `request.body`, which raises Django's RequestDataTooBig (an HTML 400)
    before the parser could answer; this one reads the stream itself."""

    media_type = "application/json"
    renderer_class = renderers.JSONRenderer
    strict = api_settings.STRICT_JSON

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        max_depth = getattr(settings, "API_JSON_MAX_DEPTH", 32)
        raw = _read_bounded(stream, _body_limit())
        try:
            text = codecs.decode(raw, encoding)
            parse_constant = json.strict_constant if self.strict else None
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(f"JSON 嵌套层数不能超过{max_depth}层。") from None
        except (ValueError, LookupError) as exc:
            raise ParseError(f"JSON 格式错误：{exc}") from None
        if _too_deep(data, max_depth):
            raise ParseError(f"JSON 嵌套层数不能超过{max_depth}层。")
        return data


class LimitedFormParser(parsers.BaseParser):
    """DRF's FormParser, bounded (see LimitedJSONParser for why not a subclass)."""

    media_type = "application/x-www-form-urlencoded"

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = _read_bounded(stream, _body_limit())
        try:
            return QueryDict(raw, encoding=encoding)
        except TooManyFieldsSent:
            raise ParseError("表单字段过多。") from None


class LimitedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        files_limit = limit("evidence_max_bytes") * (limit("evidence_max_files") + 1)
        if _declared_length(parser_context) > files_limit + _body_limit():
            raise PayloadTooLarge(
                f"上传内容过大：单个文件不超过{limit('evidence_max_bytes') // 1048576} MB，"
                f"最多{limit('evidence_max_files')}个。"
            )
        try:
            return super().parse(stream, media_type, parser_context)
        except RequestDataTooBig:
            raise PayloadTooLarge(f"表单字段内容不能超过{_body_limit() // 1024} KB。") from None
        except (TooManyFieldsSent, TooManyFilesSent):
            raise ParseError("表单字段或文件过多。") from None
