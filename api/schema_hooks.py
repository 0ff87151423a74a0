"""drf-spectacular postprocessing: every operation documents every error answer the API gives.

The errors are made in one place (api/errors.py, DRF's handler, api/parsers.py,
api/not_found.py) and can come from any endpoint: a body that does not parse
(400), a missing or expired token (401), a role or scope (403), a case not
visible (404), a method the address does not have (405), a state that does not
allow the action (409), a body too large (413), a media type not accepted (415),
throttling (429), the database busy (503). So they are added here to each
operation, all with one JSON schema, instead of being repeated per view; an
operation that already documents a code (e.g. 409 with ConflictSerializer)
keeps its own.

The shared schema `Error` is what those handlers write: `detail` (a sentence
in Chinese), `code` when the handler names one (not_permitted, conflict,
transition_not_allowed, invalid, not_found, payload_too_large, throttled, …),
`allowed_actions` for transition_not_allowed, and for invalid data one key per
field holding its messages (a list, or for a list or object field the messages
per item or key).
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "错误：detail 为说明；数据无效时每个字段名对应其错误消息列表",
    "properties": {
        "detail": {"type": "string", "description": "错误说明"},
        "code": {"type": "string", "description": "错误代码，如 not_permitted、conflict、transition_not_allowed"},
        "allowed_actions": {
            "type": "array", "items": {"type": "string"}, "description": "当前可执行的操作（仅 409）",
        },
    },
    # Field errors: {"grounds": ["…"]}, {"records": {"0": ["…"]}}, {"decisions": [{"measure": ["…"]}]}.
    "additionalProperties": True,
}

STANDARD_ERRORS = {
    "400": "数据无效（字段 → 错误消息），或请求体无法解析、嵌套过深",
    "401": "未登录或令牌无效、已过期",
    "403": "角色或范围不允许此操作",
    "404": "对象不存在或不可见，或地址不存在",
    "405": "该地址不支持此请求方法",
    "406": "无法按 Accept 要求的格式答复",
    "409": "当前状态不能执行此操作，或已被他人处理",
    "413": "请求内容过大",
    "415": "不支持的请求内容类型",
    "429": "请求过于频繁，请稍后再试",
    "503": "系统繁忙，请稍后再试",
}

_REF = {"$ref": "#/components/schemas/Error"}
_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def add_standard_errors(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: the shared `Error` schema and the standard error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in STANDARD_ERRORS.items():
                existing = responses.get(code)
                if existing is None:
                    responses[code] = {
                        "content": {"application/json": {"schema": _REF}}, "description": description,
                    }
                elif "content" not in existing:
                    existing["content"] = {"application/json": {"schema": _REF}}
    return result
